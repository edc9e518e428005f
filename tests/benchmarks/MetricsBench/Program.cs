using System.Diagnostics;
using System.Globalization;
using MLSeg.Core.Imaging;
using MLSeg.Evaluation.Metrics;

// Reads the pairs written by metrics_vs_scipy.sh (raw uint8 truth then prediction, 512×512 each, row-major), computes
// HD95/ASSD/RMS-DTA for label 1 and prints wall-clock and CPU-time throughput and a checksum the script compares with scipy's.
if (args.Length != 4)
{
    Console.Error.WriteLine("usage: MetricsBench PAIRS.bin COUNT SIZE REPEATS");
    return 2;
}

byte[] all = File.ReadAllBytes(args[0]);
int count = int.Parse(args[1], CultureInfo.InvariantCulture);
int size = int.Parse(args[2], CultureInfo.InvariantCulture);
int repeats = int.Parse(args[3], CultureInfo.InvariantCulture);
int plane = size * size;
var spacing = new PixelSpacing(0.78125, 0.78125);
var pairs = new (LabelMap Truth, LabelMap Pred)[count];
for (int i = 0; i < count; i++)
{
    pairs[i] = (
        new LabelMap(size, size, all.AsSpan(2 * i * plane, plane).ToArray(), spacing),
        new LabelMap(size, size, all.AsSpan(((2 * i) + 1) * plane, plane).ToArray(), spacing));
}

var options = new MetricOptions { Labels = [1] };
double checksum = 0;
foreach (var (t, p) in pairs)
{
    var m = SegmentationMetrics.Compute(t, p, options)[1];
    checksum += m.Hd95!.Value + m.Assd!.Value + m.RmsDta!.Value;
}

using var process = Process.GetCurrentProcess();
TimeSpan cpu0 = process.TotalProcessorTime;
var sw = Stopwatch.StartNew();
for (int r = 0; r < repeats; r++)
{
    foreach (var (t, p) in pairs)
    {
        SegmentationMetrics.Compute(t, p, options);
    }
}

double seconds = sw.Elapsed.TotalSeconds;
process.Refresh();
double cpuSeconds = (process.TotalProcessorTime - cpu0).TotalSeconds;
Console.WriteLine(FormattableString.Invariant($"checksum={checksum:R}"));
Console.WriteLine(FormattableString.Invariant($"pairs_per_s={count * repeats / seconds:F2}"));
Console.WriteLine(FormattableString.Invariant($"pairs_per_cpu_s={count * repeats / cpuSeconds:F2}"));
return 0;
