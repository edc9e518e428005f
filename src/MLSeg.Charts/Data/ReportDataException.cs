using MLSeg.Core.Errors;

namespace MLSeg.Charts.Data;

/// <summary>A run folder file (results.csv, train_log.csv, manifest.json, …) is missing a required part or holds a bad value.</summary>
public sealed class ReportDataException : MLSegException
{
    /// <summary>Creates the exception with a message naming the file, line/field, value and what was expected.</summary>
    public ReportDataException(string message) : base(message) { }

    /// <summary>Creates the exception wrapping its cause.</summary>
    public ReportDataException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Creates the exception with no message.</summary>
    public ReportDataException() { }
}
