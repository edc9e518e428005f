namespace MLSeg.Transforms.Augmentation;

/// <summary>Samples a plane at arbitrary source coordinates; positions outside the source read 0.</summary>
public static class Warp
{
    /// <summary>Bilinear sampling of <paramref name="src"/> (h × w) at (<paramref name="xs"/>, <paramref name="ys"/>) into <paramref name="dst"/>.</summary>
    public static void Bilinear(ReadOnlySpan<float> src, Span<float> dst, int h, int w, ReadOnlySpan<float> xs, ReadOnlySpan<float> ys)
    {
        Check(src.Length, dst.Length, h, w, xs.Length, ys.Length);
        for (int i = 0; i < dst.Length; i++)
        {
            float x = xs[i], y = ys[i];
            int x0 = (int)MathF.Floor(x), y0 = (int)MathF.Floor(y);
            float fx = x - x0, fy = y - y0;
            dst[i] = ((1 - fy) * (((1 - fx) * At(src, h, w, y0, x0)) + (fx * At(src, h, w, y0, x0 + 1))))
                + (fy * (((1 - fx) * At(src, h, w, y0 + 1, x0)) + (fx * At(src, h, w, y0 + 1, x0 + 1))));
        }
    }

    /// <summary>Nearest-neighbour sampling of labels (round half up); outside the source reads 0 (background).</summary>
    public static void Nearest(ReadOnlySpan<byte> src, Span<byte> dst, int h, int w, ReadOnlySpan<float> xs, ReadOnlySpan<float> ys)
    {
        Check(src.Length, dst.Length, h, w, xs.Length, ys.Length);
        for (int i = 0; i < dst.Length; i++)
        {
            int x = (int)MathF.Floor(xs[i] + 0.5f), y = (int)MathF.Floor(ys[i] + 0.5f);
            dst[i] = x >= 0 && x < w && y >= 0 && y < h ? src[(y * w) + x] : (byte)0;
        }
    }

    private static float At(ReadOnlySpan<float> src, int h, int w, int y, int x) =>
        x >= 0 && x < w && y >= 0 && y < h ? src[(y * w) + x] : 0f;

    private static void Check(int src, int dst, int h, int w, int xs, int ys)
    {
        if (src != h * w || dst != h * w || xs != h * w || ys != h * w)
        {
            throw new ArgumentException($"Warp needs source, destination and coordinates of {h}x{w} = {h * w}; got {src}, {dst}, {xs}, {ys}.");
        }
    }
}
