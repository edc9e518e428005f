using MLSeg.Core.Errors;

namespace MLSeg.Synthetic.Manifest;

/// <summary>A cohort manifest is malformed; the message names the file, the row (1-based line) and the column.</summary>
public sealed class ManifestFormatException : MLSegException
{
    /// <summary>Creates the exception for <paramref name="file"/>, line <paramref name="row"/>, column <paramref name="column"/>.</summary>
    public ManifestFormatException(string file, int row, string column, string problem)
        : base($"{file}: row {row}, column '{column}': {problem}")
    {
        File = file;
        Row = row;
        Column = column;
    }

    /// <summary>Creates the exception for <paramref name="file"/>, line <paramref name="row"/>, column <paramref name="column"/>, caused by <paramref name="innerException"/>.</summary>
    public ManifestFormatException(string file, int row, string column, string problem, Exception innerException)
        : base($"{file}: row {row}, column '{column}': {problem}", innerException)
    {
        File = file;
        Row = row;
        Column = column;
    }

    /// <inheritdoc />
    public ManifestFormatException(string message) : base(message) { File = Column = string.Empty; }

    /// <inheritdoc />
    public ManifestFormatException(string message, Exception innerException) : base(message, innerException) { File = Column = string.Empty; }

    /// <inheritdoc />
    public ManifestFormatException() { File = Column = string.Empty; }

    /// <summary>The manifest file (or stream description).</summary>
    public string File { get; }

    /// <summary>1-based line of the problem (1 = header).</summary>
    public int Row { get; }

    /// <summary>The column at fault (the header name).</summary>
    public string Column { get; }
}
