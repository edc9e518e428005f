using MLSeg.Core.Imaging;

namespace MLSeg.Transforms.Geometry;

/// <summary>
/// Resizing with PyTorch's index conventions (torch.nn.functional.interpolate): bilinear with align_corners=False
/// (half-pixel centres, source index clamped at 0) for images, 'nearest' (floor(dst × in/out)) for label maps.
/// Arithmetic is float32 as in PyTorch's CPU kernels, so results match it to float rounding. Spacing scales with size.
/// </summary>
public static class Resize
{
    /// <summary>Bilinear resize of every channel to <paramref name="height"/> × <paramref name="width"/>.</summary>
    public static Image2D Bilinear(Image2D image, int height, int width)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        var (y0, y1, wy) = Weights(image.Height, height);
        var (x0, x1, wx) = Weights(image.Width, width);
        var result = new Image2D(image.Channels, height, width, spacing: Spacing(image.SpacingMm, image.Height, height, image.Width, width));
        for (int c = 0; c < image.Channels; c++)
        {
            ReadOnlySpan<float> src = image.Channel(c);
            var dst = result.Channel(c);
            int w = image.Width;
            for (int y = 0; y < height; y++)
            {
                float ly = wy[y], hy = 1 - ly;
                int r0 = y0[y] * w, r1 = y1[y] * w;
                for (int x = 0; x < width; x++)
                {
                    float lx = wx[x], hx = 1 - lx;
                    dst[(y * width) + x] = (hy * ((hx * src[r0 + x0[x]]) + (lx * src[r0 + x1[x]]))) + (ly * ((hx * src[r1 + x0[x]]) + (lx * src[r1 + x1[x]])));
                }
            }
        }

        return result;
    }

    /// <summary>Nearest-neighbour resize of labels (no new label values can appear).</summary>
    public static LabelMap Nearest(LabelMap labels, int height, int width)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        int[] ys = NearestIndices(labels.Height, height);
        int[] xs = NearestIndices(labels.Width, width);
        var result = new LabelMap(height, width, spacing: Spacing(labels.SpacingMm, labels.Height, height, labels.Width, width));
        for (int y = 0; y < height; y++)
        {
            int row = ys[y] * labels.Width;
            for (int x = 0; x < width; x++)
            {
                result.Labels[(y * width) + x] = labels.Labels[row + xs[x]];
            }
        }

        return result;
    }

    /// <summary>PyTorch 'nearest' source indices: floor(dst × (float)in/out), clamped to in − 1.</summary>
    public static int[] NearestIndices(int inSize, int outSize)
    {
        float scale = (float)inSize / outSize;
        var idx = new int[outSize];
        for (int i = 0; i < outSize; i++)
        {
            idx[i] = Math.Min((int)MathF.Floor(i * scale), inSize - 1);
        }

        return idx;
    }

    private static (int[] I0, int[] I1, float[] Lambda) Weights(int inSize, int outSize)
    {
        float scale = (float)inSize / outSize;
        var i0 = new int[outSize];
        var i1 = new int[outSize];
        var l = new float[outSize];
        for (int i = 0; i < outSize; i++)
        {
            float src = Math.Max((scale * (i + 0.5f)) - 0.5f, 0f);
            int lo = Math.Min((int)src, inSize - 1);
            i0[i] = lo;
            i1[i] = Math.Min(lo + 1, inSize - 1);
            l[i] = src - lo;
        }

        return (i0, i1, l);
    }

    private static PixelSpacing Spacing(PixelSpacing s, int inH, int outH, int inW, int outW) =>
        new(s.RowMm * inH / outH, s.ColumnMm * inW / outW);
}
