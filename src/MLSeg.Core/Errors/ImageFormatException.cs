namespace MLSeg.Core.Errors;

/// <summary>
/// A medical or natural image file (NIfTI, PNG, NPY, DICOM, …) is malformed or uses a feature MLSeg cannot read.
/// The message names the file, where in it the problem lies, and what was expected.
/// </summary>
public class ImageFormatException : MLSegException
{
    /// <summary>Creates the exception for <paramref name="file"/> at byte <paramref name="offset"/> (−1 when unknown).</summary>
    public ImageFormatException(string file, long offset, string problem)
        : base(offset >= 0 ? $"{file}: at byte {offset}: {problem}" : $"{file}: {problem}")
    {
        File = file;
        Offset = offset;
    }

    /// <summary>Creates the exception for <paramref name="file"/> at byte <paramref name="offset"/> (−1 when unknown), caused by <paramref name="innerException"/>.</summary>
    public ImageFormatException(string file, long offset, string problem, Exception innerException)
        : base(offset >= 0 ? $"{file}: at byte {offset}: {problem}" : $"{file}: {problem}", innerException)
    {
        File = file;
        Offset = offset;
    }

    /// <inheritdoc />
    public ImageFormatException(string message) : base(message) { File = string.Empty; Offset = -1; }

    /// <inheritdoc />
    public ImageFormatException(string message, Exception innerException) : base(message, innerException) { File = string.Empty; Offset = -1; }

    /// <inheritdoc />
    public ImageFormatException() { File = string.Empty; Offset = -1; }

    /// <summary>The file (or stream description) that failed.</summary>
    public string File { get; }

    /// <summary>Byte offset of the problem in the file, or −1 when not known.</summary>
    public long Offset { get; }
}
