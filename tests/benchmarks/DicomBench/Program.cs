using System.Diagnostics;
using System.Globalization;
using MLSeg.Core.Imaging;
using MLSeg.Dicom;
using MLSeg.Dicom.Imaging;

// Decodes every *.dcm in DIR through MLSeg's public API, the way a user loads a slice: DicomFile.Open (read + parse),
// DicomPixelData.Create + GetImage(0) (decode + Modality LUT into a float32 buffer). Untimed warm-up on the first
// WARMUP files, then PASSES timed passes over all files, then an untimed pass for the checksum (sum of every rescaled
// value, accumulated in double). Prints wall-clock and CPU-time throughput and the checksum, one key=value per line.
if (args.Length != 3)
{
    Console.Error.WriteLine("usage: DicomBench DIR PASSES WARMUP");
    return 2;
}

string[] files = Directory.GetFiles(args[0], "*.dcm");
Array.Sort(files, StringComparer.Ordinal);
int passes = int.Parse(args[1], CultureInfo.InvariantCulture);
int warmup = Math.Min(int.Parse(args[2], CultureInfo.InvariantCulture), files.Length);
if (files.Length == 0 || passes < 1)
{
    Console.Error.WriteLine($"no .dcm files in {args[0]} or PASSES < 1");
    return 2;
}

bool reuse = Environment.GetEnvironmentVariable("REUSE") == "1";
float[] buffer = new float[512 * 512];
float[] Load(string path)
{
    if (reuse)
    {
        DicomPixelData.Create(DicomFile.Open(path)).DecodeRescaledFrame(0, buffer);
        return buffer;
    }

    return DicomPixelData.Create(DicomFile.Open(path)).GetImage(0).Data;
}

float sink = 0;
for (int w = 0; w < 3; w++)
{
    for (int i = 0; i < warmup; i++)
    {
        sink += Load(files[i])[0];
    }
}

using var process = Process.GetCurrentProcess();
process.Refresh();
TimeSpan cpu0 = process.TotalProcessorTime;
var sw = Stopwatch.StartNew();
for (int p = 0; p < passes; p++)
{
    foreach (string f in files)
    {
        sink += Load(f)[0];
    }
}

double seconds = sw.Elapsed.TotalSeconds;
process.Refresh();
double cpuSeconds = (process.TotalProcessorTime - cpu0).TotalSeconds;

double checksum = 0;
foreach (string f in files)
{
    foreach (float v in Load(f))
    {
        checksum += v;
    }
}

int slices = files.Length * passes;
Console.WriteLine(FormattableString.Invariant($"files={files.Length} passes={passes} sink={sink}"));
Console.WriteLine(FormattableString.Invariant($"checksum={checksum:R}"));
Console.WriteLine(FormattableString.Invariant($"slices_per_s={slices / seconds:F1}"));
Console.WriteLine(FormattableString.Invariant($"slices_per_cpu_s={slices / cpuSeconds:F1}"));
return 0;
