using System.Diagnostics;
using System.Globalization;
using MLSeg.Models;
using MLSeg.Models.Contracts;
using MLSeg.Torch;
using MLSeg.Torch.NN;
using MLSeg.Torch.Optim;
using MLSeg.Torch.Serialization;

// MLSeg side of tests/benchmarks/engine_vs_pytorch.sh. Builds the U-Net of issue 2 (Depth 4, BaseChannels 32, BatchNorm,
// transposed-convolution upsampling, 1 input channel, 2 classes), saves its initial state dict together with the random
// input (and target) to STATE.safetensors so that engine_bench.py runs the identical network on identical data, then
// times MODE = train (Adam lr 1e-3, cross-entropy, batch BATCH at SIZE²) or inference (eval + no-grad forward passes at
// 1×1×SIZE²). Prints key=value lines: throughput (wall clock and process CPU time), per-step losses or the output
// checksum, and VmRSS after warm-up and at the end.
if (args.Length != 7)
{
    Console.Error.WriteLine("usage: EngineBench train|inference STATE.safetensors THREADS WARMUP STEPS BATCH SIZE");
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

if (Torch.NativeLoadError is { } loadError)
{
    Console.Error.WriteLine($"EngineBench: the libtorch shim cannot be loaded: {loadError}");
    return 1;
}

Torch.NumThreads = threads;
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
using var generator = new Generator(0);
using SegmentationNetwork model = ModelFactory.Create(config, generator);
using var dataGenerator = new Generator(1);
using Tensor input = Torch.Randn([batch, 1, size, size], dataGenerator);
using Tensor target = Torch.RandInt(0, config.NumClasses, [batch, size, size], dataGenerator);

long parameterCount = model.Parameters().Sum(p => p.NumEl);
using (var saveScope = Torch.NewDisposeScope())
{
    var state = new Dictionary<string, Tensor>(model.StateDict(), StringComparer.Ordinal)
    {
        ["__input"] = input,
        ["__target"] = target,
    };
    SafeTensors.Save(statePath, state); // the state dict's detached handles close with saveScope
}

Console.WriteLine(Invariant($"torch_version={Torch.Version}"));
Console.WriteLine(Invariant($"threads={Torch.NumThreads}"));
Console.WriteLine(Invariant($"params={parameterCount}"));

var stepSeconds = new List<double>(steps);
var losses = new List<double>(warmup + steps);
long rssAfterWarmup = 0;
using var process = Process.GetCurrentProcess();
TimeSpan cpuStart = TimeSpan.Zero;
var wall = new Stopwatch();

if (train)
{
    model.Train();
    using var optimizer = new Adam(model.Parameters(), learningRate: 1e-3);
    for (int step = 0; step < warmup + steps; step++)
    {
        if (step == warmup)
        {
            rssAfterWarmup = VmRssKb();
            process.Refresh();
            cpuStart = process.TotalProcessorTime;
            wall.Start();
        }

        long t0 = Stopwatch.GetTimestamp();
        using (var scope = Torch.NewDisposeScope())
        {
            optimizer.ZeroGrad();
            Tensor logits = model.Forward(input);
            Tensor loss = Functional.CrossEntropy(logits, target);
            loss.Backward();
            optimizer.Step();
            losses.Add(loss.Item());
        }

        if (step >= warmup)
        {
            stepSeconds.Add(Stopwatch.GetElapsedTime(t0).TotalSeconds);
        }
    }
}
else
{
    model.Eval();
    using var noGrad = Torch.NoGrad();
    for (int step = 0; step < warmup + steps; step++)
    {
        if (step == warmup)
        {
            rssAfterWarmup = VmRssKb();
            process.Refresh();
            cpuStart = process.TotalProcessorTime;
            wall.Start();
        }

        long t0 = Stopwatch.GetTimestamp();
        using (var scope = Torch.NewDisposeScope())
        {
            Tensor output = model.Forward(input);
            if (step == 0)
            {
                losses.Add(output.Sum().Item()); // output_sum=<sum>,<sum of |x|>: the script checks PyTorch's against it
                losses.Add(output.Abs().Sum().Item());
            }
        }

        if (step >= warmup)
        {
            stepSeconds.Add(Stopwatch.GetElapsedTime(t0).TotalSeconds);
        }
    }
}

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
