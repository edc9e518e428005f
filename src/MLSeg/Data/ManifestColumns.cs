namespace MLSeg.Data;

/// <summary>The columns of a view loaded by <c>ml.Data.LoadManifest</c>, in schema order.</summary>
public static class ManifestColumns
{
    /// <summary>Patient identifier (text).</summary>
    public const string PatientId = WellKnownColumns.PatientId;

    /// <summary>Absolute path of the image file (text).</summary>
    public const string ImagePath = "image_path";

    /// <summary>Absolute path of the mask file (text; empty for rows without a mask).</summary>
    public const string MaskPath = "mask_path";

    /// <summary>Cardiac phase, <c>ED</c>, <c>ES</c> or empty (text).</summary>
    public const string Phase = WellKnownColumns.Phase;

    /// <summary>Observer number 1…K of the mask, 0 for the reference (truth) mask (Int32).</summary>
    public const string Observer = WellKnownColumns.Observer;

    /// <summary>0-based slice index; 0 when the manifest has none (single-slice CT) (Int32).</summary>
    public const string Slice = "slice";

    /// <summary>0-based frame index; 0 when the manifest has none (Int32).</summary>
    public const string Frame = "frame";

    /// <summary>Image class of a classification source (e.g. natural images); empty when the manifest has none (text).</summary>
    public const string Class = "class";
}
