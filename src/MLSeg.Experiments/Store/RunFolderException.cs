using MLSeg.Core.Errors;

namespace MLSeg.Experiments.Store;

/// <summary>A run folder cannot be used: it belongs to a different spec, or its files are damaged.</summary>
public sealed class RunFolderException : MLSegException
{
    /// <inheritdoc />
    public RunFolderException(string message) : base(message) { }

    /// <inheritdoc />
    public RunFolderException(string message, Exception innerException) : base(message, innerException) { }

    /// <inheritdoc />
    public RunFolderException() { }
}
