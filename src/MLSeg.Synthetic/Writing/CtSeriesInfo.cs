namespace MLSeg.Synthetic.Writing;

/// <summary>
/// The DICOM attributes of one synthetic CT slice (names as in PS3.6). Pixel spacing travels with the image.
/// </summary>
/// <param name="PatientId">PatientID (0010,0020), e.g. <c>SYN-L3-0001</c>.</param>
/// <param name="PatientName">PatientName (0010,0010), e.g. <c>Synthetic^Patient0001</c>.</param>
/// <param name="PatientSex">PatientSex (0010,0040): <c>M</c> or <c>F</c>.</param>
/// <param name="PatientSizeM">PatientSize (0010,1020), height in metres.</param>
/// <param name="StudyInstanceUid">StudyInstanceUID (0020,000D).</param>
/// <param name="SeriesInstanceUid">SeriesInstanceUID (0020,000E).</param>
/// <param name="SopInstanceUid">SOPInstanceUID (0008,0018).</param>
/// <param name="FrameOfReferenceUid">FrameOfReferenceUID (0020,0052).</param>
/// <param name="SliceThicknessMm">SliceThickness (0018,0050) in mm.</param>
/// <param name="SliceLocationMm">SliceLocation (0020,1041) in mm; also the z of ImagePositionPatient.</param>
/// <param name="RescaleIntercept">RescaleIntercept (0028,1052): −1024.</param>
/// <param name="RescaleSlope">RescaleSlope (0028,1053): 1.</param>
/// <param name="KvpKv">KVP (0018,0060), tube voltage in kV.</param>
/// <param name="SeriesDescription">SeriesDescription (0008,103E).</param>
public sealed record CtSeriesInfo(
    string PatientId,
    string PatientName,
    string PatientSex,
    double PatientSizeM,
    string StudyInstanceUid,
    string SeriesInstanceUid,
    string SopInstanceUid,
    string FrameOfReferenceUid,
    double SliceThicknessMm,
    double SliceLocationMm,
    double RescaleIntercept,
    double RescaleSlope,
    double KvpKv,
    string SeriesDescription);
