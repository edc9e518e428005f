namespace MLSeg.Evaluation.Distances;

/// <summary>
/// Exact squared Euclidean distance transform of a binary site mask on an anisotropic grid: for every pixel the
/// squared distance (mm²) to the nearest site. Separable: a row pass (nearest site along X, two sweeps) followed by
/// the Felzenszwalb–Huttenlocher lower envelope of parabolas along Y, so the cost is linear in the pixel count.
/// </summary>
/// <remarks>
/// Buffers are owned by the instance and reused between calls; an instance is not thread-safe. Grids are (Y, X),
/// row-major; <c>rowMm</c> is the step between rows (Y), <c>columnMm</c> the step between columns (X).
/// </remarks>
public sealed class SquaredDistanceTransform
{
    private double[] _transposed = [];
    private double[] _envelopeZ = [];
    private int[] _envelopeV = [];
    private double[] _column = [];
    private double[] _scaled = [];
    private double[] _halfReciprocal = [];
    private double[] _row = [];
    private double[] _rising = [];
    private double[] _falling = [];
    private double _risingStepSq;

    /// <summary>
    /// Writes into <paramref name="squaredMm2"/> the squared distance in mm² from each pixel of the
    /// <paramref name="height"/>×<paramref name="width"/> grid to the nearest pixel where <paramref name="sites"/> is
    /// non-zero; <see cref="double.PositiveInfinity"/> everywhere when there is no site.
    /// </summary>
    public void Compute(ReadOnlySpan<byte> sites, int height, int width, double rowMm, double columnMm, Span<double> squaredMm2)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        int count = checked(height * width);
        if (sites.Length != count || squaredMm2.Length != count)
        {
            throw new ArgumentException($"Grid {height}x{width} needs {count} sites and outputs; got {sites.Length} and {squaredMm2.Length}.", nameof(sites));
        }

        if (!(rowMm > 0) || !(columnMm > 0) || !double.IsFinite(rowMm) || !double.IsFinite(columnMm))
        {
            throw new ArgumentOutOfRangeException(nameof(rowMm), $"Spacing must be finite and > 0 mm; got row {rowMm}, column {columnMm}.");
        }

        ReadOnlySpan<double> field = ComputeTransposed(sites, height, width, rowMm, columnMm, out int stride);
        for (int y = 0; y < height; y++)
        {
            Span<double> row = squaredMm2.Slice(y * width, width);
            for (int x = 0; x < width; x++)
            {
                row[x] = field[(x * stride) + y];
            }
        }
    }

    /// <summary>
    /// As <see cref="Compute"/>, without checks, leaving the result in the instance's buffer in column-major order:
    /// the value of pixel (y, x) is at <c>x * stride + y</c>. The view is valid until the next call.
    /// </summary>
    internal ReadOnlySpan<double> ComputeTransposed(ReadOnlySpan<byte> sites, int height, int width, double rowMm, double columnMm, out int stride)
    {
        // An odd column stride keeps the scattered writes of the row pass from mapping onto a single cache set,
        // which a power-of-two height (512) would otherwise do.
        stride = height | 1;
        EnsureCapacity(checked(stride * width), height, width);
        Span<double> transposed = _transposed.AsSpan(0, stride * width);
        RowPass(sites, height, width, stride, columnMm * columnMm, transposed);
        ColumnPass(transposed, height, width, stride, rowMm * rowMm);
        return transposed;
    }

    private void EnsureCapacity(int count, int height, int width)
    {
        if (_row.Length < width)
        {
            _row = new double[width];
        }

        if (_transposed.Length < count)
        {
            _transposed = new double[count];
        }

        if (_envelopeV.Length < height)
        {
            _envelopeV = new int[height];
            _envelopeZ = new double[height + 1];
            _column = new double[height];
            _scaled = new double[height];
            _halfReciprocal = new double[height];
            for (int d = 1; d < height; d++)
            {
                _halfReciprocal[d] = 0.5 / d;
            }
        }
    }

    // Along X: squared distance to the nearest site in the same row, found with a forward and a backward sweep over
    // a contiguous scratch row, then stored transposed (x * stride + y) so the column pass reads contiguous memory.
    private void RowPass(ReadOnlySpan<byte> sites, int height, int width, int stride, double stepSq, Span<double> transposed)
    {
        Span<double> scratch = _row.AsSpan(0, width);
        for (int y = 0; y < height; y++)
        {
            ReadOnlySpan<byte> row = sites.Slice(y * width, width);
            int last = -1;
            for (int x = 0; x < width; x++)
            {
                if (row[x] != 0)
                {
                    last = x;
                }

                scratch[x] = last < 0 ? double.PositiveInfinity : Square(x - last) * stepSq;
            }

            last = -1;
            for (int x = width - 1; x >= 0; x--)
            {
                if (row[x] != 0)
                {
                    last = x;
                }

                double right = last < 0 ? double.PositiveInfinity : Square(last - x) * stepSq;
                transposed[(x * stride) + y] = Math.Min(right, scratch[x]);
            }
        }
    }

    /// <summary>
    /// The first (row) stage alone: squared distance in mm² to the nearest site in the same row, row-major,
    /// +∞ in rows without a site. Between two consecutive sites the values are the tabulated d²·step² rising from
    /// the left site and falling to the right one, so each run is a block copy from a table.
    /// </summary>
    internal void RowPassRowMajor(ReadOnlySpan<byte> sites, int height, int width, double columnMm, Span<double> output)
    {
        double stepSq = columnMm * columnMm;
        if (_rising.Length != width || _risingStepSq != stepSq)
        {
            _rising = new double[width];
            _falling = new double[width];
            for (int d = 0; d < width; d++)
            {
                _rising[d] = Square(d) * stepSq;
                _falling[width - 1 - d] = _rising[d];
            }

            _risingStepSq = stepSq;
        }

        ReadOnlySpan<double> rising = _rising; // rising[d] = (d·step)²
        ReadOnlySpan<double> falling = _falling; // falling[width − 1 − d] = (d·step)²
        for (int y = 0; y < height; y++)
        {
            ReadOnlySpan<byte> row = sites.Slice(y * width, width);
            Span<double> o = output.Slice(y * width, width);
            int s = row.IndexOfAnyExcept((byte)0);
            if (s < 0)
            {
                o.Fill(double.PositiveInfinity);
                continue;
            }

            falling.Slice(width - 1 - s, s).CopyTo(o); // x < first site: d = s − x
            while (true)
            {
                int next = row[(s + 1)..].IndexOfAnyExcept((byte)0);
                if (next < 0)
                {
                    rising[..(width - s)].CopyTo(o[s..]); // x ≥ last site: d = x − s
                    break;
                }

                int t = s + 1 + next;
                int half = (t - s) / 2;
                rising[..(half + 1)].CopyTo(o[s..]); // s ≤ x ≤ s + half: nearer to s
                int d = t - (s + half + 1); // s + half < x < t: nearer to t, d = t − x falling to 1
                falling.Slice(width - 1 - d, d).CopyTo(o[(s + half + 1)..]);
                s = t;
            }
        }
    }

    // Along Y: lower envelope of the parabolas f(q) + stepSq·(p − q)² (Felzenszwalb & Huttenlocher 2012, §2.1),
    // in row-step units: g(q) = f(q)/stepSq + q², and the parabolas of q > r cross at (g(q) − g(r)) / (2(q − r)),
    // evaluated with a table of 1/(2d) instead of a division. Rows whose row-pass value is infinite hold no site
    // and are left out. Works in place, column by column.
    private void ColumnPass(Span<double> transposed, int height, int width, int stride, double stepSq)
    {
        Span<int> v = _envelopeV;
        Span<double> z = _envelopeZ;
        Span<double> f = _column.AsSpan(0, height);
        Span<double> g = _scaled.AsSpan(0, height);
        ReadOnlySpan<double> halfReciprocal = _halfReciprocal;
        double inverseStep = 1.0 / stepSq;
        for (int x = 0; x < width; x++)
        {
            Span<double> output = transposed.Slice(x * stride, height);
            output.CopyTo(f);
            int k = -1;
            for (int q = 0; q < height; q++)
            {
                double fq = f[q];
                if (double.IsPositiveInfinity(fq))
                {
                    continue;
                }

                double gq = (fq * inverseStep) + Square(q);
                g[q] = gq;
                if (k < 0)
                {
                    k = 0;
                    v[0] = q;
                    z[0] = double.NegativeInfinity;
                    z[1] = double.PositiveInfinity;
                    continue;
                }

                double s = (gq - g[v[k]]) * halfReciprocal[q - v[k]];
                while (s <= z[k])
                {
                    k--;
                    s = (gq - g[v[k]]) * halfReciprocal[q - v[k]];
                }

                k++;
                v[k] = q;
                z[k] = s;
                z[k + 1] = double.PositiveInfinity;
            }

            if (k < 0)
            {
                continue; // the column already holds +∞ everywhere
            }

            k = 0;
            for (int p = 0; p < height; p++)
            {
                while (z[k + 1] < p)
                {
                    k++;
                }

                int site = v[k];
                output[p] = (Square(p - site) * stepSq) + f[site];
            }
        }
    }

    private static double Square(int d) => (double)d * d;
}
