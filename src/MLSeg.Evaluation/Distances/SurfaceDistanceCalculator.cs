namespace MLSeg.Evaluation.Distances;

/// <summary>
/// Symmetric surface distances between two binary masks on the same grid: for each border pixel of one mask the
/// exact Euclidean distance (mm) to the nearest border pixel of the other, by the separable distance transform
/// (see <see cref="SurfaceDistanceStrategy"/>) restricted to the bounding box of both masks (every site and every
/// query lies inside it, so the restriction does not change any distance). Reuses its buffers; one instance per thread.
/// </summary>
public sealed class SurfaceDistanceCalculator
{
    private readonly SquaredDistanceTransform _edt = new();
    private readonly SurfaceDistanceStrategy _strategy;
    private double[] _rowField = [];
    private byte[] _borderA = [];
    private byte[] _borderB = [];
    private double[] _distances = [];

    /// <summary>Creates a calculator using <paramref name="strategy"/> for the column stage.</summary>
    public SurfaceDistanceCalculator(SurfaceDistanceStrategy strategy = SurfaceDistanceStrategy.Auto)
    {
        _strategy = strategy;
    }

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
        // Pixels on the box edge but not on the image edge have their outside neighbour beyond both masks'
        // bounding boxes, hence outside the mask: treating the box edge as outside is exact.
        Span<byte> borderA = _borderA.AsSpan(0, area);
        Span<byte> borderB = _borderB.AsSpan(0, area);
        int nA = MaskBorder.ExtractLabel(a, width, box, labelA, borderA);
        int nB = MaskBorder.ExtractLabel(b, width, box, labelB, borderB);
        if (_distances.Length < nA + nB)
        {
            _distances = new double[nA + nB];
        }

        Span<double> distances = _distances.AsSpan(0, nA + nB);
        bool pruned = _strategy == SurfaceDistanceStrategy.PrunedQueries
            || (_strategy == SurfaceDistanceStrategy.Auto && (long)Math.Max(nA, nB) * h <= 8L * area);
        int k;
        if (pruned)
        {
            if (_rowField.Length < area)
            {
                _rowField = new double[area];
            }

            Span<double> rowField = _rowField.AsSpan(0, area);
            _edt.RowPassRowMajor(borderB, h, w, columnMm, rowField);
            k = SearchColumns(borderA, h, w, rowField, rowMm * rowMm, distances);
            _edt.RowPassRowMajor(borderA, h, w, columnMm, rowField);
            SearchColumns(borderB, h, w, rowField, rowMm * rowMm, distances[k..]);
        }
        else
        {
            k = Gather(borderA, h, w, _edt.ComputeTransposed(borderB, h, w, rowMm, columnMm, out int stride), stride, distances);
            Gather(borderB, h, w, _edt.ComputeTransposed(borderA, h, w, rowMm, columnMm, out stride), stride, distances[k..]);
        }
        return SurfaceDistanceSummary.FromDistances(distances);
    }

    // Exact nearest site for each query: min over rows q of rowField[q, x] + stepSq·(q − y)², searched outward from
    // row y and stopped once stepSq·d² alone reaches the best value (no farther row can do better).
    private static int SearchColumns(ReadOnlySpan<byte> queries, int height, int width, ReadOnlySpan<double> rowField, double stepSq, Span<double> into)
    {
        int k = 0;
        for (int y = 0; y < height; y++)
        {
            ReadOnlySpan<byte> row = queries.Slice(y * width, width);
            for (int x = row.IndexOf((byte)1); x >= 0 && x < width; x++)
            {
                if (row[x] == 0)
                {
                    continue;
                }

                double best = rowField[(y * width) + x];
                int reach = Math.Max(y, height - 1 - y);
                for (int d = 1; d <= reach; d++)
                {
                    double vertical = stepSq * d * d;
                    if (vertical >= best)
                    {
                        break;
                    }

                    if (y - d >= 0)
                    {
                        best = Math.Min(best, rowField[((y - d) * width) + x] + vertical);
                    }

                    if (y + d < height)
                    {
                        best = Math.Min(best, rowField[((y + d) * width) + x] + vertical);
                    }
                }

                into[k++] = Math.Sqrt(best);
            }
        }

        return k;
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
        if (_borderA.Length < area)
        {
            _borderA = new byte[area];
            _borderB = new byte[area];
        }
    }
}
