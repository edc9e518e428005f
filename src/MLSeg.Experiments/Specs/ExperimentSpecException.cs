using MLSeg.Core.Errors;

namespace MLSeg.Experiments.Specs;

/// <summary>An experiment spec (pipelines/*.yaml) is invalid; the message reads "FILE:LINE: problem".</summary>
public sealed class ExperimentSpecException : MLSegException
{
    /// <summary>Creates the exception for <paramref name="key"/> at <paramref name="line"/> (1-based; 0 when unknown) of <paramref name="file"/>.</summary>
    public ExperimentSpecException(string file, int line, string key, string problem)
        : base(line > 0 ? $"{file}:{line}: {problem}" : $"{file}: {problem}")
    {
        File = file;
        Line = line;
        Key = key;
    }

    /// <inheritdoc />
    public ExperimentSpecException(string message) : base(message) { File = Key = string.Empty; }

    /// <inheritdoc />
    public ExperimentSpecException(string message, Exception innerException) : base(message, innerException) { File = Key = string.Empty; }

    /// <inheritdoc />
    public ExperimentSpecException() { File = Key = string.Empty; }

    /// <summary>The spec file.</summary>
    public string File { get; }

    /// <summary>1-based line of the problem, 0 when unknown.</summary>
    public int Line { get; }

    /// <summary>The key (dotted path such as <c>finetune.lr</c>) that failed.</summary>
    public string Key { get; }
}
