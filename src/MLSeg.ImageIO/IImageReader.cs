namespace MLSeg.ImageIO;

/// <summary>
/// One file format that <see cref="ImageLoader"/> can dispatch to by content. MLSeg.Dicom (or the facade) registers
/// its DICOM reader through this interface; ImageIO itself never references MLSeg.Dicom.
/// </summary>
public interface IImageReader
{
    /// <summary>Short format name used in messages ("PNG", "NIfTI", "NPY", "DICOM").</summary>
    string FormatName { get; }

    /// <summary>True when the file's first bytes (up to <see cref="ImageLoader.HeaderBytes"/>; gzip already inflated) are this format.</summary>
    bool CanRead(ReadOnlySpan<byte> header);

    /// <summary>Reads the file.</summary>
    LoadedImage Read(string path);
}
