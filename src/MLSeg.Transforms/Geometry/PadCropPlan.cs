namespace MLSeg.Transforms.Geometry;

/// <summary>
/// How <see cref="PadCrop"/> centred an image of <see cref="SourceHeight"/> × <see cref="SourceWidth"/> in a
/// <see cref="TargetHeight"/> × <see cref="TargetWidth"/> canvas; <see cref="PadCrop.Invert(MLSeg.Core.Imaging.LabelMap, PadCropPlan)"/>
/// uses it to map predictions back. Odd differences put the extra row/column after (bottom/right).
/// </summary>
public sealed record PadCropPlan(int SourceHeight, int SourceWidth, int TargetHeight, int TargetWidth)
{
    /// <summary>First source row copied (≥ 0 when cropping rows).</summary>
    public int SourceTop => Math.Max(0, (SourceHeight - TargetHeight) / 2);

    /// <summary>First source column copied.</summary>
    public int SourceLeft => Math.Max(0, (SourceWidth - TargetWidth) / 2);

    /// <summary>Target row the first copied row lands on (≥ 0 when padding rows).</summary>
    public int TargetTop => Math.Max(0, (TargetHeight - SourceHeight) / 2);

    /// <summary>Target column the first copied column lands on.</summary>
    public int TargetLeft => Math.Max(0, (TargetWidth - SourceWidth) / 2);

    /// <summary>Rows copied.</summary>
    public int CopyHeight => Math.Min(SourceHeight, TargetHeight);

    /// <summary>Columns copied.</summary>
    public int CopyWidth => Math.Min(SourceWidth, TargetWidth);

    /// <summary>The plan that undoes this one.</summary>
    public PadCropPlan Inverse => new(TargetHeight, TargetWidth, SourceHeight, SourceWidth);
}
