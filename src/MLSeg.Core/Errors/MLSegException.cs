namespace MLSeg.Core.Errors;

/// <summary>
/// Base of MLSeg's domain exceptions: failures caused by data, files, specs or native engines
/// rather than by a caller passing a wrong argument (those get BCL argument exceptions).
/// </summary>
public class MLSegException : Exception
{
    /// <summary>Creates the exception with a message that says what failed, on which item, and what was expected.</summary>
    public MLSegException(string message) : base(message) { }

    /// <summary>Creates the exception wrapping the failure that caused it.</summary>
    public MLSegException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Creates the exception with no message (serialisation and framework use).</summary>
    public MLSegException() { }
}
