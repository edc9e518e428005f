namespace MLSeg.Prediction;

/// <summary>How <see cref="PredictionRunner"/> writes each predicted mask.</summary>
public enum MaskFormat
{
    /// <summary>A BINARY DICOM Segmentation (PS3.3 A.51) referencing its source image (<c>.seg.dcm</c>; DICOM inputs only).</summary>
    Seg,

    /// <summary>A one-slice NIfTI-1 uint8 label volume with the source spacing (<c>.nii.gz</c>).</summary>
    Nifti,

    /// <summary>An 8-bit grey PNG whose stored values are the labels (<c>.png</c>).</summary>
    Png,
}
