using System.Diagnostics;
using System.Globalization;
using MLSeg.Dicom;
using MLSeg.Dicom.Imaging;

// Decodes every *.dcm in DIR through MLSeg's public API, the way a user loads slices: DicomFile.Open (read + parse),
// DicomPixelData.Create, then the Modality LUT into float32 — DecodeRescaledFrame(0, buffer) into one reused buffer
// (the batch-loading call; the headline figure), and GetImage(0), which allocates a new 1 MiB image per slice.
// For each: untimed warm-up (3 × the first WARMUP files), PASSES timed passes over all files, wall-clock and CPU-time
// throughput. Then an untimed pass for the checksum (sum of every rescaled value, accumulated in double).
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

float[] buffer = [];
float[] IntoBuffer(string path)
{
    DicomPixelData pixels = DicomPixelData.Create(DicomFile.Open(path));
    if (buffer.Length != pixels.FrameSampleCount)
    {
        buffer = new float[pixels.FrameSampleCount];
    }

    pixels.DecodeRescaledFrame(0, buffer);
    return buffer;
}

float[] NewImage(string path) => DicomPixelData.Create(DicomFile.Open(path)).GetImage(0).Data;

using var process = Process.GetCurrentProcess();
float sink = 0;
(double PerSecond, double PerCpuSecond) Time(Func<string, float[]> load)
{
    for (int w = 0; w < 3; w++)
    {
        for (int i = 0; i < warmup; i++)
        {
            sink += load(files[i])[0];
        }
    }

    process.Refresh();
    TimeSpan cpu0 = process.TotalProcessorTime;
    var sw = Stopwatch.StartNew();
    for (int p = 0; p < passes; p++)
    {
        foreach (string f in files)
        {
            sink += load(f)[0];
        }
    }

    double seconds = sw.Elapsed.TotalSeconds;
    process.Refresh();
    double cpuSeconds = (process.TotalProcessorTime - cpu0).TotalSeconds;
    int slices = files.Length * passes;
    return (slices / seconds, slices / cpuSeconds);
}

(double bufferRate, double bufferCpuRate) = Time(IntoBuffer);
(double imageRate, double imageCpuRate) = Time(NewImage);

double checksum = 0;
foreach (string f in files)
{
    foreach (float v in NewImage(f))
    {
        checksum += v;
    }
}

double check2 = 0;
foreach (string f in files)
{
    foreach (float v in IntoBuffer(f))
    {
        check2 += v;
    }
}

if (check2 != checksum)
{
    Console.Error.WriteLine($"DecodeRescaledFrame and GetImage disagree: {check2:R} vs {checksum:R}");
    return 1;
}

Console.WriteLine(FormattableString.Invariant($"files={files.Length} passes={passes} sink={sink}"));
Console.WriteLine(FormattableString.Invariant($"checksum={checksum:R}"));
Console.WriteLine(FormattableString.Invariant($"slices_per_s={bufferRate:F1}"));
Console.WriteLine(FormattableString.Invariant($"slices_per_cpu_s={bufferCpuRate:F1}"));
Console.WriteLine(FormattableString.Invariant($"getimage_slices_per_s={imageRate:F1}"));
Console.WriteLine(FormattableString.Invariant($"getimage_slices_per_cpu_s={imageCpuRate:F1}"));
return 0;
