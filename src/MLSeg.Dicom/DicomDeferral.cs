namespace MLSeg.Dicom;

/// <summary>The file a <see cref="DicomReader"/> may leave the Pixel Data value in: its path, length and last-write time at open.</summary>
internal sealed record DicomDeferral(string Path, long FileLength, DateTime LastWriteUtc);
