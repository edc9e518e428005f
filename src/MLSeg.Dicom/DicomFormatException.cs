using MLSeg.Core.Errors;

namespace MLSeg.Dicom;

/// <summary>
/// A DICOM file is malformed or uses a feature MLSeg cannot decode. The message names the file, the byte offset
/// (in the file, or in the inflated stream for deflated transfer syntaxes) and the tag being read.
/// </summary>
public class DicomFormatException : ImageFormatException
{
    /// <summary>Creates the exception for <paramref name="file"/> at byte <paramref name="offset"/> (−1 when unknown) while reading <paramref name="tag"/>.</summary>
    public DicomFormatException(string file, long offset, DicomTag? tag, string problem)
        : base(file, offset, tag is { } t ? $"{t} {DicomDictionary.Keyword(t)}: {problem}" : problem)
    {
        Tag = tag;
    }

    /// <inheritdoc />
    public DicomFormatException(string message) : base(message) { }

    /// <inheritdoc />
    public DicomFormatException(string message, Exception innerException) : base(message, innerException) { }

    /// <inheritdoc />
    public DicomFormatException() { }

    /// <summary>The tag being read when the problem was found, or null when none.</summary>
    public DicomTag? Tag { get; }
}
