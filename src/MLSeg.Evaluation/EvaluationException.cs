using MLSeg.Core.Errors;

namespace MLSeg.Evaluation;

/// <summary>Evaluation inputs that cannot be compared or read: masks of different sizes, a malformed results table, …</summary>
public sealed class EvaluationException : MLSegException
{
    /// <inheritdoc />
    public EvaluationException(string message) : base(message) { }

    /// <inheritdoc />
    public EvaluationException(string message, Exception innerException) : base(message, innerException) { }

    /// <inheritdoc />
    public EvaluationException() { }
}
