namespace MLSeg.Synthetic.Writing;

/// <summary>
/// The DICOM attributes of one synthetic cine MR image (one slice at one cardiac phase; names as in PS3.6).
/// </summary>
/// <param name="PatientId">PatientID (0010,0020), e.g. <c>SYN-CINE-0001</c>.</param>
/// <param name="PatientName">PatientName (0010,0010).</param>
/// <param name="StudyInstanceUid">StudyInstanceUID (0020,000D).</param>
/// <param name="SeriesInstanceUid">SeriesInstanceUID (0020,000E); one series per slice position, as scanners write cine.</param>
/// <param name="SopInstanceUid">SOPInstanceUID (0008,0018).</param>
/// <param name="FrameOfReferenceUid">FrameOfReferenceUID (0020,0052).</param>
/// <param name="MagneticFieldStrengthT">MagneticFieldStrength (0018,0087) in tesla.</param>
/// <param name="SliceIndex">0-based slice index, base (0) to apex.</param>
/// <param name="FrameIndex">0-based cardiac frame index (0 = end-diastole).</param>
/// <param name="InstanceNumber">InstanceNumber (0020,0013), 1-based.</param>
/// <param name="SliceLocationMm">SliceLocation (0020,1041) in mm.</param>
/// <param name="SliceThicknessMm">SliceThickness (0018,0050) in mm.</param>
/// <param name="TriggerTimeMs">TriggerTime (0018,1060) in ms after the R wave.</param>
/// <param name="CardiacNumberOfImages">CardiacNumberOfImages (0018,1090): frames per cycle.</param>
/// <param name="SeriesDescription">SeriesDescription (0008,103E).</param>
public sealed record MrSeriesInfo(
    string PatientId,
    string PatientName,
    string StudyInstanceUid,
    string SeriesInstanceUid,
    string SopInstanceUid,
    string FrameOfReferenceUid,
    double MagneticFieldStrengthT,
    int SliceIndex,
    int FrameIndex,
    int InstanceNumber,
    double SliceLocationMm,
    double SliceThicknessMm,
    double TriggerTimeMs,
    int CardiacNumberOfImages,
    string SeriesDescription);
