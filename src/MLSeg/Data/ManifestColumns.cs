namespace MLSeg.Data;

/// <summary>The columns of a view loaded by <see cref="Catalogs.DataCatalog.LoadManifest"/>, in schema order.</summary>
public static class ManifestColumns
{
    /// <summary>Patient identifier (<see cref="string"/>).</summary>
    public const string PatientId = Core.Pipeline.WellKnownColumns.PatientId;

    /// <summary>Absolute path of the image file (<see cref="string"/>).</summary>
    public const string ImagePath = "image_path";

    /// <summary>Absolute path of the mask file (<see cref="string"/>; empty for rows without a mask).</summary>
    public const string MaskPath = "mask_path";

    /// <summary>Cardiac phase, <c>ED</c>, <c>ES</c> or empty (<see cref="string"/>).</summary>
    public const string Phase = Core.Pipeline.WellKnownColumns.Phase;

    /// <summary>Observer number 1…K of the mask, 0 for the reference (truth) mask (<see cref="int"/>).</summary>
    public const string Observer = Core.Pipeline.WellKnownColumns.Observer;

    /// <summary>0-based slice index; 0 when the manifest has none (single-slice CT) (<see cref="int"/>).</summary>
    public const string Slice = "slice";

    /// <summary>0-based frame index; 0 when the manifest has none (<see cref="int"/>).</summary>
    public const string Frame = "frame";
}
