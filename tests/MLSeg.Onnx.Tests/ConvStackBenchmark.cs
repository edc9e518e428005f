using System.Diagnostics;
using System.Globalization;

namespace MLSeg.Onnx.Tests;

/// <summary>
/// Timing of the conv-stack test graph at 1×1×512×512: ONNX Runtime (CPU) vs TorchSharp's functional ops. Runs only
/// when tests/benchmarks/onnx_vs_torch.sh sets MLSEG_BENCH_OUT (the file it writes its figures to).
/// </summary>
public class ConvStackBenchmark
{
    private const int Size = 512;
    private const int Warmup = 2;
    private const int Repeats = 10;

    [BenchmarkFact]
    public void Benchmark_ConvStack512_OrtVsTorch()
    {
        string outFile = Environment.GetEnvironmentVariable("MLSEG_BENCH_OUT")!;

        var graph = new ConvStackGraph(Size, Size, Size, Size);
        float[] image = TestModels.Random(Size * Size, 42);
        int threads = TorchSharp.torch.get_num_threads();
        byte[] model = graph.Build().ToBytes();
        // Same thread count as libtorch for the ratio; ORT's default (one thread per core) reported beside it.
        using var session = OnnxSession.FromBytes(model, new OnnxSessionOptions { IntraOpThreads = threads });
        using var defaultSession = OnnxSession.FromBytes(model);
        double ortMs = MedianMs(() => session.RunImage(image, [1, 1, Size, Size]));
        double ortDefaultMs = MedianMs(() => defaultSession.RunImage(image, [1, 1, Size, Size]));
        double torchMs = MedianMs(() => graph.RunTorch(image));
        double diff = TestModels.MaxAbsDiff(session.RunImage(image, [1, 1, Size, Size]), graph.RunTorch(image));
        File.WriteAllLines(outFile,
        [
            string.Create(CultureInfo.InvariantCulture, $"graph=conv3x3(1->8)+bn+relu+maxpool2+convT2x2+concat+conv1x1(16->3)+resize(bilinear)+softmax input=1x1x{Size}x{Size}"),
            string.Create(CultureInfo.InvariantCulture, $"ort_version={OnnxSession.RuntimeVersion} ort_cpu_median_ms={ortMs:F2} threads={threads} repeats={Repeats}"),
            string.Create(CultureInfo.InvariantCulture, $"ort_cpu_default_threads_median_ms={ortDefaultMs:F2} cores={Environment.ProcessorCount}"),
            string.Create(CultureInfo.InvariantCulture, $"torch={MLSeg.Models.Engine.TorchRuntime.Describe().LibTorchVersion} torch_functional_median_ms={torchMs:F2} threads={threads}"),
            string.Create(CultureInfo.InvariantCulture, $"max_abs_diff={diff:E2}"),
            string.Create(CultureInfo.InvariantCulture, $"ratio={torchMs / ortMs:F2}"),
        ]);
        Assert.True(diff <= 1e-4, $"ORT and Torch disagree at 512²: max |Δ| = {diff}");
    }

    private static double MedianMs(Action action)
    {
        for (int i = 0; i < Warmup; i++)
        {
            action();
        }

        var times = new double[Repeats];
        for (int i = 0; i < Repeats; i++)
        {
            long start = Stopwatch.GetTimestamp();
            action();
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        Array.Sort(times);
        return (times[(Repeats - 1) / 2] + times[Repeats / 2]) / 2;
    }
}

/// <summary>Runs only when MLSEG_BENCH_OUT is set (by tests/benchmarks/onnx_vs_torch.sh) and both engines load.</summary>
public sealed class BenchmarkFactAttribute : FactAttribute
{
    public BenchmarkFactAttribute()
    {
        Skip = Environment.GetEnvironmentVariable("MLSEG_BENCH_OUT") is null ? "timing runs only from tests/benchmarks/onnx_vs_torch.sh"
            : OnnxSession.RuntimeLoadError ?? MLSeg.Models.Engine.TorchRuntime.LoadError;
    }
}
