namespace MLSeg.Dicom.Rt;

/// <summary>A region of interest of an RT Structure Set: number, name and its contours.</summary>
public sealed record DicomRoi(int Number, string Name, IReadOnlyList<DicomContour> Contours);
