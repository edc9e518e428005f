using System.Runtime.InteropServices;

namespace MLSeg.Models.Engine.Native;

/// <summary>
/// libtorch's cuDNN autotuner switch (PyTorch's <c>torch.backends.cudnn.benchmark</c>), which TorchSharp 0.107 does not
/// expose: with it on, the first convolution of each shape times cuDNN's algorithms and keeps the fastest. Bound to
/// <c>at::globalContext()</c> and <c>at::Context::{benchmarkCuDNN, setBenchmarkCuDNN}</c> exported by libtorch_cpu.so
/// (already loaded with the engine; the Itanium C++ ABI passes <c>this</c> as the first argument).
/// </summary>
internal static partial class CudnnSettings
{
    private const string LibTorchCpu = "libtorch_cpu.so";

    public static bool Benchmark
    {
        get => BenchmarkCuDNN(GlobalContext()) != 0;
        set => SetBenchmarkCuDNN(GlobalContext(), value ? (byte)1 : (byte)0);
    }

    [LibraryImport(LibTorchCpu, EntryPoint = "_ZN2at13globalContextEv")]
    private static partial nint GlobalContext();

    [LibraryImport(LibTorchCpu, EntryPoint = "_ZNK2at7Context14benchmarkCuDNNEv")]
    private static partial byte BenchmarkCuDNN(nint context);

    [LibraryImport(LibTorchCpu, EntryPoint = "_ZN2at7Context17setBenchmarkCuDNNEb")]
    private static partial void SetBenchmarkCuDNN(nint context, byte enabled);
}
