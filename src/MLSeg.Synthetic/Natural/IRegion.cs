namespace MLSeg.Synthetic.Natural;

/// <summary>A region of a natural image that can be painted with a texture.</summary>
internal interface IRegion
{
    /// <summary>Mask label written where the region is painted (for object regions).</summary>
    byte Label { get; }

    /// <summary>True when pixel-space point (x, y) lies in the region.</summary>
    bool Contains(double x, double y);
}

/// <summary>The whole image (the background layer).</summary>
internal readonly struct Background(int size) : IRegion
{
    /// <summary>Background is label 0.</summary>
    public byte Label => 0;

    public bool Contains(double x, double y) => x >= 0 && y >= 0 && x < size && y < size;
}
