namespace MLSeg.Core.Errors;

/// <summary>
/// A native engine (libtorch through the MLSeg shim, ONNX Runtime) reported a failure, or could not be loaded.
/// </summary>
public sealed class NativeEngineException : MLSegException
{
    /// <summary>Creates the exception for a failed native call.</summary>
    /// <param name="function">The native function or operation, e.g. <c>mlseg_conv2d</c>.</param>
    /// <param name="status">The status code the native side returned.</param>
    /// <param name="nativeMessage">The native side's own message.</param>
    public NativeEngineException(string function, int status, string nativeMessage)
        : base($"{function} failed (status {status}): {nativeMessage}")
    {
        Function = function;
        Status = status;
        NativeMessage = nativeMessage;
    }

    /// <inheritdoc />
    public NativeEngineException(string message) : base(message) { Function = NativeMessage = string.Empty; }

    /// <inheritdoc />
    public NativeEngineException(string message, Exception innerException) : base(message, innerException) { Function = NativeMessage = string.Empty; }

    /// <inheritdoc />
    public NativeEngineException() { Function = NativeMessage = string.Empty; }

    /// <summary>The native function or operation that failed.</summary>
    public string Function { get; }

    /// <summary>The status code the native side returned (0 when none applies).</summary>
    public int Status { get; }

    /// <summary>The message the native library gave.</summary>
    public string NativeMessage { get; }
}
