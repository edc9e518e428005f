using MLSeg.Core.Errors;

namespace MLSeg.Experiments.Running;

/// <summary>Slurm could not be used: a client program is missing or failed, or a job did not finish its arms.</summary>
public sealed class SlurmException : MLSegException
{
    /// <inheritdoc />
    public SlurmException(string message) : base(message) { }

    /// <inheritdoc />
    public SlurmException(string message, Exception innerException) : base(message, innerException) { }

    /// <inheritdoc />
    public SlurmException() { }
}
