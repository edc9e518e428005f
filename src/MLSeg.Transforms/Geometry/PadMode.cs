namespace MLSeg.Transforms.Geometry;

/// <summary>How <see cref="PadCrop"/> fills padding.</summary>
public enum PadMode
{
    /// <summary>A constant value.</summary>
    Constant,

    /// <summary>Replicates the nearest edge pixel.</summary>
    Edge,
}
