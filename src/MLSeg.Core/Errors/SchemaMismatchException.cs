namespace MLSeg.Core.Errors;

/// <summary>A pipeline column is missing or has another type than a component expects.</summary>
public sealed class SchemaMismatchException : MLSegException
{
    /// <summary>Creates the exception for <paramref name="column"/>, naming what was expected and what was found.</summary>
    public SchemaMismatchException(string column, string expected, string found)
        : base($"Schema mismatch for column '{column}': expected {expected}, found {found}.")
    {
        Column = column;
        Expected = expected;
        Found = found;
    }

    /// <inheritdoc />
    public SchemaMismatchException(string message) : base(message) { Column = Expected = Found = string.Empty; }

    /// <inheritdoc />
    public SchemaMismatchException(string message, Exception innerException) : base(message, innerException) { Column = Expected = Found = string.Empty; }

    /// <inheritdoc />
    public SchemaMismatchException() { Column = Expected = Found = string.Empty; }

    /// <summary>The column that failed the check.</summary>
    public string Column { get; }

    /// <summary>What the component needed (type, shape, presence).</summary>
    public string Expected { get; }

    /// <summary>What the schema actually held ("absent" when missing).</summary>
    public string Found { get; }
}
