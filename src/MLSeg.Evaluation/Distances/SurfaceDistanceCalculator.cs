namespace MLSeg.Evaluation.Distances;

/// <summary>
/// Symmetric surface distances between two binary masks on the same grid, computed with two exact Euclidean
/// distance transforms restricted to the bounding box of both masks (every site and every query lies inside it,
/// so the restriction does not change any distance). Reuses its buffers; one instance per thread.
/// </summary>
public sealed class SurfaceDistanceCalculator
{
    private readonly SquaredDistanceTransform _edt = new();
    private byte[] _maskA = [];
    private byte[] _maskB = [];
    private byte[] _borderA = [];
    private byte[] _borderB = [];
    private double[] _distances = [];

    /// <summary>
    /// Surface-distance statistics between the pixels equal to <paramref name="labelA"/> in <paramref name="a"/> and
    /// those equal to <paramref name="labelB"/> in <paramref name="b"/> (row-major (Y, X) grids of
    /// <paramref name="height"/>×<paramref name="width"/>), or null when either mask is empty.
    /// </summary>
    public SurfaceDistanceSummary? Compute(ReadOnlySpan<byte> a, byte labelA, ReadOnlySpan<byte> b, byte labelB, int height, int width, double rowMm, double columnMm)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        int count = checked(height * width);
        if (a.Length != count || b.Length != count)
        {
            throw new ArgumentException($"Grid {height}x{width} needs {count} pixels; got {a.Length} and {b.Length}.", nameof(a));
        }

        if (!BoundingBox.TryFind(a, labelA, height, width, out BoundingBox boxA) || !BoundingBox.TryFind(b, labelB, height, width, out BoundingBox boxB))
        {
            return null;
        }

        BoundingBox box = boxA.Union(boxB);
        int h = box.Height;
        int w = box.Width;
        int area = h * w;
        EnsureCapacity(area);
        Span<byte> maskA = _maskA.AsSpan(0, area);
        Span<byte> maskB = _maskB.AsSpan(0, area);
        for (int y = 0; y < h; y++)
        {
            ReadOnlySpan<byte> rowA = a.Slice(((box.Y0 + y) * width) + box.X0, w);
            ReadOnlySpan<byte> rowB = b.Slice(((box.Y0 + y) * width) + box.X0, w);
            Span<byte> outA = maskA.Slice(y * w, w);
            Span<byte> outB = maskB.Slice(y * w, w);
            for (int x = 0; x < w; x++)
            {
                outA[x] = rowA[x] == labelA ? (byte)1 : (byte)0;
                outB[x] = rowB[x] == labelB ? (byte)1 : (byte)0;
            }
        }

        // Pixels on the box edge but not on the image edge have their outside neighbour beyond both masks'
        // bounding boxes, hence outside the mask: treating the box edge as outside is exact.
        Span<byte> borderA = _borderA.AsSpan(0, area);
        Span<byte> borderB = _borderB.AsSpan(0, area);
        int nA = MaskBorder.Extract(maskA, h, w, borderA);
        int nB = MaskBorder.Extract(maskB, h, w, borderB);
        if (_distances.Length < nA + nB)
        {
            _distances = new double[nA + nB];
        }

        Span<double> distances = _distances.AsSpan(0, nA + nB);
        int k = Gather(borderA, h, w, _edt.ComputeTransposed(borderB, h, w, rowMm, columnMm, out int stride), stride, distances);
        Gather(borderB, h, w, _edt.ComputeTransposed(borderA, h, w, rowMm, columnMm, out stride), stride, distances[k..]);
        return SurfaceDistanceSummary.FromDistances(distances);
    }

    // Distances at the query pixels, in row-major order of the queries; the field is column-major (x * stride + y).
    private static int Gather(ReadOnlySpan<byte> queries, int height, int width, ReadOnlySpan<double> squaredField, int stride, Span<double> into)
    {
        int k = 0;
        for (int y = 0; y < height; y++)
        {
            ReadOnlySpan<byte> row = queries.Slice(y * width, width);
            for (int x = row.IndexOf((byte)1); x >= 0 && x < width; x++)
            {
                if (row[x] != 0)
                {
                    into[k++] = Math.Sqrt(squaredField[(x * stride) + y]);
                }
            }
        }

        return k;
    }

    private void EnsureCapacity(int area)
    {
        if (_maskA.Length < area)
        {
            _maskA = new byte[area];
            _maskB = new byte[area];
            _borderA = new byte[area];
            _borderB = new byte[area];
        }
    }
}
