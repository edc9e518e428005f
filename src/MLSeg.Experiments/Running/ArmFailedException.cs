using MLSeg.Core.Errors;

namespace MLSeg.Experiments.Running;

/// <summary>
/// An arm of a grid run failed. The message names the arm (and any other arm that failed in the same run); the inner
/// exception is the first failure. The failed arms are not marked done, so a re-run restarts them.
/// </summary>
public sealed class ArmFailedException : MLSegException
{
    /// <summary>Creates the exception.</summary>
    public ArmFailedException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Creates the exception.</summary>
    public ArmFailedException(string message) : base(message) { }

    /// <summary>Creates the exception with no message (framework use).</summary>
    public ArmFailedException() { }
}
