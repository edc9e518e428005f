using MLSeg.Core.Randomness;
using TorchSharp;
using static TorchSharp.torch;

namespace MLSeg.Models.Engine;

/// <summary>libtorch random streams derived from MLSeg's <see cref="SeedSource"/> (one stream per purpose, never the global one).</summary>
public static class SeededGenerators
{
    /// <summary>A new generator seeded with <paramref name="seed"/>'s 64-bit value (CPU unless <paramref name="device"/> is given).</summary>
    public static Generator Create(SeedSource seed, Device? device = null) => new(unchecked((ulong)seed.ToInt64()), device);
}
