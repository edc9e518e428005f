using MLSeg.Core.Randomness;
using MLSeg.Torch.Native;

namespace MLSeg.Torch;

/// <summary>An explicit random stream for tensor creation and initialisation (PyTorch's <c>torch.Generator</c>).</summary>
public sealed class Generator : IDisposable
{
    /// <summary>A CPU generator seeded with <paramref name="seed"/>.</summary>
    public Generator(long seed, Device? device = null)
    {
        NativeLibraryLoader.EnsureLoaded();
        var dev = device ?? Device.Cpu;
        NativeStatus.Check(NativeMethods.mlseg_generator_create(seed, (int)dev.Type, out GeneratorHandle h), $"Generator({dev})");
        Handle = h;
        Device = dev;
    }

    /// <summary>A generator seeded from an MLSeg seed source.</summary>
    public Generator(SeedSource seed, Device? device = null) : this(seed.ToInt64(), device) { }

    /// <summary>The device whose random numbers this generator produces.</summary>
    public Device Device { get; }

    internal GeneratorHandle Handle { get; }

    /// <summary>Restarts the stream from <paramref name="seed"/>.</summary>
    public void ManualSeed(long seed) => NativeStatus.Check(NativeMethods.mlseg_generator_seed(Handle, seed), "Generator.manual_seed");

    /// <summary>Frees the native generator.</summary>
    public void Dispose() => Handle.Dispose();
}
