using System.Text;

namespace MLSeg.Core.Randomness;

/// <summary>
/// An explicit, derivable seed. There is no shared static random generator in MLSeg: every random component takes
/// a <see cref="SeedSource"/> derived from the experiment spec (e.g. <c>root.Derive("fold").Derive(k)</c>), so two
/// components never share a stream and a change in one never shifts another's draws.
/// </summary>
public readonly record struct SeedSource(ulong Value)
{
    /// <summary>A child seed for the named component, independent of siblings with other names.</summary>
    public SeedSource Derive(string component)
    {
        ArgumentNullException.ThrowIfNull(component);
        ulong h = 14695981039346656037UL; // FNV-1a 64-bit offset basis
        foreach (byte b in Encoding.UTF8.GetBytes(component))
        {
            h = (h ^ b) * 1099511628211UL;
        }

        return new SeedSource(Mix(Value ^ h));
    }

    /// <summary>A child seed for an indexed component (fold k, patient i, …).</summary>
    public SeedSource Derive(long index) => new(Mix(Value ^ Mix((ulong)index + 0x9E3779B97F4A7C15UL)));

    /// <summary>A new generator seeded from this value. Same seed ⇒ same sequence on every platform.</summary>
    public Random CreateRandom() => new(ToInt32());

    /// <summary>The seed folded into a non-negative 32-bit value.</summary>
    public int ToInt32() => (int)((Value ^ (Value >> 32)) & 0x7FFFFFFF);

    /// <summary>The seed as a signed 64-bit value (for libtorch generators).</summary>
    public long ToInt64() => (long)(Value & 0x7FFFFFFFFFFFFFFFUL);

    // SplitMix64 finaliser: a bijective avalanche mix, so nearby inputs give unrelated seeds.
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
