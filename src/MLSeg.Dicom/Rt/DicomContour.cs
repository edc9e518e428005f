namespace MLSeg.Dicom.Rt;

/// <summary>One contour of an RT Structure Set ROI (PS3.3 C.8.8.6): points in patient coordinates (mm), x y z per point.</summary>
public sealed record DicomContour(string GeometricType, double[] PointsMm, string? ReferencedSopInstanceUid)
{
    /// <summary>Number of points.</summary>
    public int PointCount => PointsMm.Length / 3;
}
