using System.Diagnostics;
using System.Globalization;
using Microsoft.ML.OnnxRuntime;
using MLSeg.Models;
using MLSeg.Models.Contracts;
using MLSeg.Onnx;

// Driver of tests/benchmarks/onnx_vs_torch.sh: ONNX Runtime (CPU) vs the engine's forward pass on the same U-Net
// (Depth 4, BaseChannels 32, BatchNorm, transposed-convolution upsampling, 1 input channel, 2 classes; the network of
// EngineBench), the same weights (the engine's network exported by MLSeg's exporter) and the same 1×1×SIZE² input, with
// THREADS threads on both sides. Fails (exit 1) when the logits differ by more than 1e-4. Times WARMUP untimed then
// STEPS timed passes of each side, alternating, and prints key=value lines ending with ratio=<ORT images/s ÷ engine images/s>.
if (args.Length != 4)
{
    Console.Error.WriteLine("usage: OnnxBench THREADS WARMUP STEPS SIZE");
    return 2;
}

int threads = int.Parse(args[0], CultureInfo.InvariantCulture);
int warmup = int.Parse(args[1], CultureInfo.InvariantCulture);
int steps = int.Parse(args[2], CultureInfo.InvariantCulture);
long size = long.Parse(args[3], CultureInfo.InvariantCulture);
const double Tolerance = 1e-4;

if (EngineSide.LoadError is { } loadError)
{
    Console.Error.WriteLine($"OnnxBench: the engine cannot be loaded: {loadError}");
    return 1;
}

var config = new ModelConfig
{
    Architecture = Architecture.UNet,
    InChannels = 1,
    NumClasses = 2,
    Depth = 4,
    BaseChannels = 32,
    Norm = NormKind.Batch,
    Upsampling = UpsamplingKind.Transpose,
};
using var engine = new EngineSide(config, threads, size);
using SessionOptions options = OrtSessions.CreateOptions(intraOpThreads: threads);
using InferenceSession session = OrtSessions.Open(engine.Export(), "OnnxBench U-Net", options);
long[] shape = [1, config.InChannels, size, size];

float[] ort = session.RunImage(engine.Input, shape);
float[] reference = engine.Forward();
double maxDiff = 0;
for (int i = 0; i < ort.Length; i++)
{
    maxDiff = Math.Max(maxDiff, Math.Abs((double)ort[i] - reference[i]));
}

Console.WriteLine(Invariant($"ort_version={OrtSessions.RuntimeVersion} engine={EngineSide.Version} threads={EngineSide.Threads} size=1x{config.InChannels}x{size}x{size}"));
Console.WriteLine(Invariant($"max_abs_diff={maxDiff:E2} tolerance={Tolerance:E0}"));
if (ort.Length != reference.Length || !(maxDiff <= Tolerance))
{
    Console.Error.WriteLine(Invariant($"OnnxBench: ONNX Runtime and the engine disagree: {ort.Length} vs {reference.Length} values, max |Δ| = {maxDiff}"));
    return 1;
}

// Alternating the sides spreads any drift in machine load over both.
var ortSeconds = new List<double>(steps);
var engineSeconds = new List<double>(steps);
for (int step = 0; step < warmup + steps; step++)
{
    long t0 = Stopwatch.GetTimestamp();
    session.RunImage(engine.Input, shape);
    double ortStep = Stopwatch.GetElapsedTime(t0).TotalSeconds;
    t0 = Stopwatch.GetTimestamp();
    engine.Forward();
    double engineStep = Stopwatch.GetElapsedTime(t0).TotalSeconds;
    if (step >= warmup)
    {
        ortSeconds.Add(ortStep);
        engineSeconds.Add(engineStep);
    }
}

double ortRate = steps / ortSeconds.Sum();
double engineRate = steps / engineSeconds.Sum();
Console.WriteLine(Invariant($"ort_images_per_s={ortRate:F3} ort_median_step_ms={Median(ortSeconds) * 1000:F1}"));
Console.WriteLine(Invariant($"engine_images_per_s={engineRate:F3} engine_median_step_ms={Median(engineSeconds) * 1000:F1}"));
Console.WriteLine(Invariant($"ratio={ortRate / engineRate:F3}"));
return 0;

static string Invariant(FormattableString s) => FormattableString.Invariant(s);

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    int n = sorted.Count;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[(n / 2) - 1] + sorted[n / 2]) / 2;
}
