namespace MLSeg.Synthetic.Geometry;

/// <summary>
/// xoshiro256** generator for per-pixel draws (noise, texture grids). A struct with no allocation, seeded from a
/// 64-bit value through SplitMix64, so the same seed gives the same stream on every platform and runtime.
/// </summary>
internal struct FastRandom
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;
    private double _spareGaussian;
    private bool _hasSpare;

    public FastRandom(ulong seed)
    {
        _s0 = SplitMix(ref seed);
        _s1 = SplitMix(ref seed);
        _s2 = SplitMix(ref seed);
        _s3 = SplitMix(ref seed);
        _spareGaussian = 0;
        _hasSpare = false;
    }

    /// <summary>Next raw 64-bit value.</summary>
    public ulong NextUInt64()
    {
        ulong result = RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [lo, hi).</summary>
    public double Uniform(double lo, double hi) => lo + ((hi - lo) * NextDouble());

    /// <summary>Standard normal draw (Box–Muller, polar-free form; the second value is kept for the next call).</summary>
    public double NextGaussian()
    {
        if (_hasSpare)
        {
            _hasSpare = false;
            return _spareGaussian;
        }

        double u1 = 1.0 - NextDouble(); // (0, 1]: keeps Log finite
        double u2 = NextDouble();
        double r = Math.Sqrt(-2.0 * Math.Log(u1));
        double a = 2.0 * Math.PI * u2;
        _spareGaussian = r * Math.Sin(a);
        _hasSpare = true;
        return r * Math.Cos(a);
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));

    private static ulong SplitMix(ref ulong state)
    {
        ulong z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
