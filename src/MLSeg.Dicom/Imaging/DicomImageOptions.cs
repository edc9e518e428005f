namespace MLSeg.Dicom.Imaging;

/// <summary>Attributes for <see cref="DicomImageBuilder"/>; unset UIDs are generated (2.25 UUID form, PS3.5 B.2).</summary>
public sealed record DicomImageOptions
{
    /// <summary>CT or MR.</summary>
    public string Modality { get; init; } = "CT";

    /// <summary>Patient's Name (PN, e.g. <c>Family^Given</c>).</summary>
    public string PatientName { get; init; } = "Anonymous";

    /// <summary>Patient ID.</summary>
    public string PatientID { get; init; } = "0";

    /// <summary>Study Instance UID, or null to generate one.</summary>
    public string? StudyInstanceUid { get; init; }

    /// <summary>Series Instance UID, or null to generate one.</summary>
    public string? SeriesInstanceUid { get; init; }

    /// <summary>SOP Instance UID, or null to generate one.</summary>
    public string? SopInstanceUid { get; init; }

    /// <summary>Frame of Reference UID, or null to generate one.</summary>
    public string? FrameOfReferenceUid { get; init; }

    /// <summary>Instance Number.</summary>
    public int InstanceNumber { get; init; } = 1;

    /// <summary>Rescale Slope: value = stored × slope + intercept.</summary>
    public double RescaleSlope { get; init; } = 1.0;

    /// <summary>Rescale Intercept (−1024 suits CT in HU).</summary>
    public double RescaleIntercept { get; init; } = -1024.0;

    /// <summary>Image Position (Patient) in mm, 3 values.</summary>
    public double[] ImagePositionPatient { get; init; } = [0, 0, 0];

    /// <summary>Image Orientation (Patient), row then column direction cosines.</summary>
    public double[] ImageOrientationPatient { get; init; } = [1, 0, 0, 0, 1, 0];

    /// <summary>Slice Thickness in mm.</summary>
    public double SliceThicknessMm { get; init; } = 1.0;
}
