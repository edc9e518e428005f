using MLSeg.Core.Errors;

namespace MLSeg.Onnx;

/// <summary>
/// An ONNX model could not be loaded or run: a corrupt or truncated file, an operator set the runtime lacks, or inputs
/// that do not fit the model. The message names the model, the input and what was expected.
/// </summary>
public sealed class OnnxModelException : MLSegException
{
    /// <summary>Creates the exception for <paramref name="model"/>.</summary>
    public OnnxModelException(string model, string message) : base(message) => Model = model;

    /// <summary>Creates the exception for <paramref name="model"/>, wrapping the runtime's own error.</summary>
    public OnnxModelException(string model, string message, Exception innerException) : base(message, innerException) => Model = model;

    /// <inheritdoc />
    public OnnxModelException(string message) : base(message) => Model = string.Empty;

    /// <inheritdoc />
    public OnnxModelException(string message, Exception innerException) : base(message, innerException) => Model = string.Empty;

    /// <inheritdoc />
    public OnnxModelException() => Model = string.Empty;

    /// <summary>The model file (or the name given to an in-memory model).</summary>
    public string Model { get; }
}
