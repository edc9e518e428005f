using System.Diagnostics;
using System.Globalization;
using MLSeg.Models;
using MLSeg.Models.Contracts;
using MLSeg.Models.Engine;
using MLSeg.Models.Engine.Serialization;
using MLSeg.Training.FineTuning;
using TorchSharp;
using static TorchSharp.torch;

// MLSeg side of tests/benchmarks/engine_vs_pytorch.sh and gpu_check.sh. Builds the U-Net of issue 2 (Depth 4, BaseChannels 32, BatchNorm,
// transposed-convolution upsampling, 1 input channel, 2 classes), saves its initial state dict together with the random
// input (and target) to STATE.safetensors so that engine_bench.py runs the identical network on identical data, then
// times MODE = train (MLSeg's FlatAdam — the trainers' Adam — lr 1e-3, cross-entropy, batch BATCH at SIZE²) or inference (eval + no-grad forward passes at
// 1×1×SIZE²) on DEVICE (cpu | cuda) in PRECISION (float32 | bfloat16 | float16: MLSeg's ComputePrecision, fp32 master
// weights) and LAYOUT (contiguous | channels_last). Prints key=value lines: throughput (wall clock and process CPU time), per-step losses or the output
// checksum, and VmRSS after warm-up and at the end.
if (args.Length is < 7 or > 10)
{
    Console.Error.WriteLine("usage: EngineBench train|inference STATE.safetensors THREADS WARMUP STEPS BATCH SIZE [cpu|cuda] [float32|bfloat16|float16] [contiguous|channels_last]");
    return 2;
}

string mode = args[0];
if (mode is not ("train" or "inference"))
{
    Console.Error.WriteLine($"EngineBench: mode '{mode}' is not 'train' or 'inference'.");
    return 2;
}

string statePath = args[1];
int threads = int.Parse(args[2], CultureInfo.InvariantCulture);
int warmup = int.Parse(args[3], CultureInfo.InvariantCulture);
int steps = int.Parse(args[4], CultureInfo.InvariantCulture);
long batch = long.Parse(args[5], CultureInfo.InvariantCulture);
long size = long.Parse(args[6], CultureInfo.InvariantCulture);
bool train = mode == "train";
string deviceName = args.Length > 7 ? args[7] : "cpu";
string precisionName = args.Length > 8 ? args[8] : "float32";
string layout = args.Length > 9 ? args[9] : "contiguous";
ScalarType? precision = precisionName switch
{
    "float32" => null,
    "bfloat16" => ScalarType.BFloat16,
    "float16" => ScalarType.Float16,
    _ => throw new ArgumentException($"EngineBench: precision '{precisionName}' is not float32, bfloat16 or float16."),
};
if (layout is not ("contiguous" or "channels_last"))
{
    Console.Error.WriteLine($"EngineBench: layout '{layout}' is not contiguous or channels_last.");
    return 2;
}

if (TorchRuntime.LoadError is { } loadError)
{
    Console.Error.WriteLine($"EngineBench: the engine cannot be loaded: {loadError}");
    return 1;
}

torch.set_num_threads(threads);
TorchRuntime.CudnnBenchmark = deviceName == "cuda"; // as gpu_bench.py sets torch.backends.cudnn.benchmark
Device device = deviceName switch
{
    "cpu" => torch.CPU,
    "cuda" when torch.cuda.is_available() => torch.CUDA,
    "cuda" => throw new InvalidOperationException("EngineBench: cuda requested but the loaded libtorch sees no CUDA device."),
    _ => throw new ArgumentException($"EngineBench: device '{deviceName}' is not cpu or cuda."),
};
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
using var generator = new Generator(0UL);
using SegmentationNetwork model = ModelFactory.Create(config, generator);
using var dataGenerator = new Generator(1UL);
using Tensor cpuInput = torch.randn([batch, 1, size, size], generator: dataGenerator);
using Tensor target0 = torch.randint(0, config.NumClasses, [batch, size, size], generator: dataGenerator);

long parameterCount = model.parameters().Sum(p => p.numel());
using (var saveScope = torch.NewDisposeScope())
{
    var state = new Dictionary<string, Tensor>(StateDicts.Of(model), StringComparer.Ordinal)
    {
        ["__input"] = cpuInput,
        ["__target"] = target0,
    };
    SafeTensors.Save(statePath, state); // the state dict's detached handles close with saveScope
}

model.to(device);
if (layout == "channels_last")
{
    ChannelsLast.Apply(model);
}

using Tensor target = target0.to(device);
using Tensor deviceInput = cpuInput.to(device);
using Tensor input = layout == "channels_last" ? ChannelsLast.Convert(deviceInput) : deviceInput.alias();
using IDisposable precisionScope = ComputePrecision.Use(precision);
void Sync()
{
    if (device.type == DeviceType.CUDA)
    {
        torch.cuda.synchronize();
    }
}

Console.WriteLine(Invariant($"torch_version={torch.__version__}"));
EngineInfo engineInfo = TorchRuntime.Describe();
Console.WriteLine(Invariant($"malloc_thresholds={EngineInfo.MallocThresholds} malloc_huge_pages={engineInfo.MallocHugePages}"));
Console.WriteLine(Invariant($"device={deviceName} precision={precisionName} layout={layout}"));
Console.WriteLine(Invariant($"threads={torch.get_num_threads()}"));
Console.WriteLine(Invariant($"params={parameterCount}"));

var stepSeconds = new List<double>(steps);
var losses = new List<double>(warmup + steps);
long rssAfterWarmup = 0;
using var process = Process.GetCurrentProcess();
TimeSpan cpuStart = TimeSpan.Zero;
var wall = new Stopwatch();

if (train)
{
    model.train();
    // The trainers' optimizer; MLSEG_BENCH_OPTIMIZER=torchsharp times TorchSharp's Adam instead (an A/B of the optimizer alone).
    bool torchSharpAdam = Environment.GetEnvironmentVariable("MLSEG_BENCH_OPTIMIZER") == "torchsharp";
    using optim.Optimizer optimizer = torchSharpAdam
        ? torch.optim.Adam(model.parameters(), lr: 1e-3)
        : new FlatAdam(OptimizerKind.Adam, [(model.parameters(), 1e-3, 0.0)]);
    Console.WriteLine($"optimizer={(torchSharpAdam ? "torchsharp-adam" : "mlseg-flat-adam")}");
    for (int step = 0; step < warmup + steps; step++)
    {
        if (step == warmup)
        {
            Sync();
            rssAfterWarmup = VmRssKb();
            process.Refresh();
            cpuStart = process.TotalProcessorTime;
            wall.Start();
        }

        long t0 = Stopwatch.GetTimestamp();
        using (var scope = torch.NewDisposeScope())
        {
            optimizer.zero_grad();
            Tensor logits = model.forward(input).to(ScalarType.Float32);
            Tensor loss = nn.functional.cross_entropy(logits, target);
            loss.backward();
            optimizer.step();
            losses.Add(step < warmup || device.type == DeviceType.CPU ? loss.item<float>() : double.NaN); // no host sync in timed GPU steps
        }

        Sync();

        if (step >= warmup)
        {
            stepSeconds.Add(Stopwatch.GetElapsedTime(t0).TotalSeconds);
        }
    }
}
else
{
    model.eval();
    using var noGrad = torch.no_grad();
    for (int step = 0; step < warmup + steps; step++)
    {
        if (step == warmup)
        {
            Sync();
            rssAfterWarmup = VmRssKb();
            process.Refresh();
            cpuStart = process.TotalProcessorTime;
            wall.Start();
        }

        long t0 = Stopwatch.GetTimestamp();
        using (var scope = torch.NewDisposeScope())
        {
            Tensor output = model.forward(input).to(ScalarType.Float32);
            if (step == 0)
            {
                losses.Add(output.sum().item<float>()); // output_sum=<sum>,<sum of |x|>: the script checks PyTorch's against it
                losses.Add(output.abs().sum().item<float>());
            }
        }

        Sync();

        if (step >= warmup)
        {
            stepSeconds.Add(Stopwatch.GetElapsedTime(t0).TotalSeconds);
        }
    }
}

Sync();
wall.Stop();
process.Refresh();
double cpuSeconds = (process.TotalProcessorTime - cpuStart).TotalSeconds;
long rssEnd = VmRssKb();
double images = batch * (double)steps;
stepSeconds.Sort();
double median = stepSeconds[stepSeconds.Count / 2];
if (stepSeconds.Count % 2 == 0)
{
    median = (median + stepSeconds[(stepSeconds.Count / 2) - 1]) / 2;
}

Console.WriteLine(Invariant($"{(train ? "losses" : "output_sum")}={string.Join(",", losses.Select(l => l.ToString("R", CultureInfo.InvariantCulture)))}"));
Console.WriteLine(Invariant($"images_per_s={images / wall.Elapsed.TotalSeconds:F4}"));
Console.WriteLine(Invariant($"images_per_s_median_step={batch / median:F4}"));
Console.WriteLine(Invariant($"images_per_cpu_s={images / cpuSeconds:F4}"));
Console.WriteLine(Invariant($"rss_after_warmup_kb={rssAfterWarmup}"));
Console.WriteLine(Invariant($"rss_end_kb={rssEnd}"));
Console.WriteLine(Invariant($"rss_growth_pct={100.0 * (rssEnd - rssAfterWarmup) / rssAfterWarmup:F2}"));
return 0;

static string Invariant(FormattableString s) => FormattableString.Invariant(s);

// Resident set size of this process (VmRSS in /proc/self/status, kB).
static long VmRssKb()
{
    foreach (string line in File.ReadLines("/proc/self/status"))
    {
        if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
        {
            return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        }
    }

    throw new InvalidOperationException("/proc/self/status has no VmRSS line; this benchmark needs Linux procfs.");
}
