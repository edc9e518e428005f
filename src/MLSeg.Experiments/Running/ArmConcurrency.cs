using System.Globalization;
using MLSeg.Core.Randomness;
using MLSeg.Experiments.Specs;
using MLSeg.Models;
using MLSeg.Models.Contracts;
using MLSeg.Models.Engine;
using MLSeg.Training.FineTuning;
using TorchSharp;
using static TorchSharp.torch;

namespace MLSeg.Experiments.Running;

/// <summary>
/// <c>--jobs auto</c>: how many arms to run at once in one process.
/// <list type="bullet">
/// <item>CPU: one arm per <see cref="CpuThreadsPerArm"/> of libtorch's intra-op threads (physical cores unless
/// <c>OMP_NUM_THREADS</c> says otherwise), as far as <c>MemAvailable</c> holds the arms' footprints.</item>
/// <item>CUDA: as many arms as <see cref="DeviceHeadroom"/> of the device's free memory holds (<see cref="ArmFootprint"/>),
/// at most one per host CPU (each arm's thread launches its own kernels) and at most <see cref="MaxCudaJobs"/>.</item>
/// </list>
/// Never more than the pending arms, never fewer than one.
/// </summary>
public static class ArmConcurrency
{
    /// <summary>The per-arm thread floor on the CPU: small grid arms scale better across arms than across threads.</summary>
    public const int CpuThreadsPerArm = 1;

    /// <summary>
    /// The most arms <c>--jobs auto</c> puts on one GPU. All arms share the device's default stream (TorchSharp 0.107 has
    /// no stream API), so extra arms hide each other's host-side launch gaps rather than run kernels side by side;
    /// past a handful the device is busy and more arms only add memory. Unmeasured starting point (docs/BENCHMARKS.md).
    /// </summary>
    public const int MaxCudaJobs = 8;

    /// <summary>The share of free memory arms may plan to fill (the rest covers allocator slack, cuDNN workspaces, the cohort).</summary>
    public const double DeviceHeadroom = 0.8;

    /// <summary>
    /// The pure rule: the smallest of the compute slots, the arms whose footprint fits in <see cref="DeviceHeadroom"/> of
    /// <paramref name="freeBytes"/>, and <paramref name="pendingArms"/>; at least 1 (one arm that does not fit still runs
    /// and fails with the device's own out-of-memory error, rather than being refused on an estimate).
    /// </summary>
    public static JobsChoice Choose(int computeSlots, long freeBytes, long armBytes, int pendingArms)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(computeSlots);
        ArgumentOutOfRangeException.ThrowIfNegative(freeBytes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(armBytes);
        ArgumentOutOfRangeException.ThrowIfNegative(pendingArms);
        long byMemory = (long)(freeBytes * DeviceHeadroom) / armBytes;
        int jobs = (int)Math.Max(1, Math.Min(Math.Min(computeSlots, byMemory), Math.Max(1, pendingArms)));
        string limit = pendingArms < Math.Min(computeSlots, byMemory) ? "pending arms" : byMemory < computeSlots ? "memory" : "compute slots";
        return new JobsChoice(jobs, string.Create(CultureInfo.InvariantCulture,
            $"{computeSlots} compute slot(s), {Gib(freeBytes)} GiB free × {DeviceHeadroom:0.##} / {Gib(armBytes)} GiB per arm = {byMemory} arm(s) by memory, {pendingArms} pending; limited by {limit}"));
    }

    /// <summary>Compute slots on <paramref name="device"/>: CPU threads ÷ the floor; on CUDA the host CPUs, capped at <see cref="MaxCudaJobs"/>.</summary>
    public static int ComputeSlots(Device device, int cpuThreads, int hostProcessors)
    {
        ArgumentNullException.ThrowIfNull(device);
        return device.type == DeviceType.CUDA
            ? Math.Max(1, Math.Min(MaxCudaJobs, hostProcessors))
            : Math.Max(1, cpuThreads / CpuThreadsPerArm);
    }

    /// <summary>
    /// The choice for <paramref name="spec"/> (resolved) on <paramref name="device"/> with this machine's numbers: libtorch's
    /// thread count, MemAvailable (CPU) or the device's free memory (CUDA), and the spec's fine-tuning footprint.
    /// </summary>
    public static JobsChoice Auto(ExperimentSpec spec, Device device, int pendingArms)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(device);
        ArmFootprint footprint = Footprint(spec);
        long free = device.type == DeviceType.CUDA ? DeviceMemory.Cuda(device).FreeBytes : HostAvailableBytes();
        return Choose(ComputeSlots(device, torch.get_num_threads(), Environment.ProcessorCount), free, footprint.TotalBytes, pendingArms);
    }

    /// <summary>The fine-tuning footprint of one arm of <paramref name="spec"/> (resolved): its network built once on the CPU, not run.</summary>
    public static ArmFootprint Footprint(ExperimentSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        int size = spec.Preprocessing!.Resize ?? SpecDefaults.SynthSize;
        int batch = spec.Finetune?.Batch ?? SpecDefaults.FinetuneBatch;
        int bytes = SpecMapping.Precision(spec.Finetune?.Precision) == TrainingPrecision.Float32 ? 4 : 2;
        using var generator = SeededGenerators.Create(new SeedSource(0));
        using SegmentationNetwork network = ModelFactory.Create(SpecMapping.ToModelConfig(spec.Model!), generator);
        return ArmFootprint.Estimate(network, batch, size, size, bytes);
    }

    /// <summary>Linux's MemAvailable (bytes): what new allocations can take without swapping.</summary>
    public static long HostAvailableBytes(string meminfo = "/proc/meminfo")
    {
        foreach (string line in File.ReadLines(meminfo))
        {
            if (line.StartsWith("MemAvailable:", StringComparison.Ordinal))
            {
                string[] parts = line["MemAvailable:".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length == 2 && parts[1] == "kB" && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out long kib))
                {
                    return kib * 1024;
                }

                throw new FormatException($"{meminfo}: cannot read '{line}'; expected 'MemAvailable: <number> kB'.");
            }
        }

        throw new FormatException($"{meminfo} has no MemAvailable line; --jobs auto needs it on the CPU (or give --jobs N).");
    }

    private static string Gib(long bytes) => (bytes / (double)(1L << 30)).ToString("0.##", CultureInfo.InvariantCulture);
}
