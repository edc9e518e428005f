namespace MLSeg.Synthetic.Manifest;

/// <summary>
/// One manifest row: an image, its mask (or class), and the per-row facts that apply. Paths are relative to the
/// manifest's folder and use '/' separators. Absent optional values are null.
/// </summary>
public sealed record ManifestRow
{
    /// <summary>Patient (or image, for natural-image proxies) identifier; splits group by it.</summary>
    public required string PatientId { get; init; }

    /// <summary>Image file, relative to the manifest.</summary>
    public required string Image { get; init; }

    /// <summary>Mask file, relative to the manifest; empty for classification rows.</summary>
    public string Mask { get; init; } = string.Empty;

    /// <summary>Class name for classification rows.</summary>
    public string? Class { get; init; }

    /// <summary>0-based slice index (cine).</summary>
    public int? Slice { get; init; }

    /// <summary>0-based frame index (cine).</summary>
    public int? Frame { get; init; }

    /// <summary><c>ED</c>, <c>ES</c>, or null for other frames.</summary>
    public string? Phase { get; init; }

    /// <summary>Annotator number (1…K) of the mask; null for the reference (truth) mask.</summary>
    public int? Observer { get; init; }

    /// <summary>Field strength, <c>1.5T</c>, <c>3T</c> or <c>7T</c> (MR).</summary>
    public string? Field { get; init; }

    /// <summary>Patient height in cm (for the skeletal muscle index).</summary>
    public double? HeightCm { get; init; }

    /// <summary>True skeletal muscle area of the phantom, cm² (synthetic L3 only).</summary>
    public double? MuscleAreaCm2 { get; init; }

    /// <summary>Meaning of the mask values, <c>value:name</c> pairs joined by ';', e.g. <c>1:muscle;2:sat;3:vat</c>.</summary>
    public string? LabelSet { get; init; }
}
