namespace MLSeg.Dicom.Seg;

/// <summary>
/// One frame of a Segmentation: which segment it belongs to, the source image it was derived from (per-frame
/// Derivation Image → Source Image), its position, and its mask — 0/1 for BINARY, 0…1 for FRACTIONAL (value ÷ MaximumFractionalValue).
/// </summary>
public sealed record DicomSegmentFrame(int FrameIndex, int SegmentNumber, string? ReferencedSopInstanceUid, double[]? ImagePositionPatient, float[] Mask);
