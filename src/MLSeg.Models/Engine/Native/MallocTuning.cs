using System.Runtime.InteropServices;

namespace MLSeg.Models.Engine.Native;

/// <summary>
/// glibc malloc settings for libtorch's allocation pattern: training allocates and frees many multi-megabyte activation
/// and gradient buffers per step. Below the mmap threshold they come from the heap, which keeps a step's peak resident
/// between steps; above it they are mapped and unmapped per step, which costs page faults unless malloc uses transparent
/// huge pages (glibc's <c>glibc.malloc.hugetlb=1</c>, a tunable read only at process start, which the <c>mlseg</c>
/// launcher, the notebook kernel spec and the benchmarks set). With huge pages MLSeg fixes the mmap threshold at 8 MiB
/// and the trim threshold at 32 MiB: measured 15–35 % more training images/s at 256² than glibc's defaults and flat RSS
/// between steps, and no loss at 64² (docs/BENCHMARKS.md, "malloc"). Without them it fixes 32 MiB and 256 MiB, where
/// mapping would cost more than the heap's retention. A user who sets either threshold in <c>GLIBC_TUNABLES</c> keeps
/// theirs; <c>MLSEG_MALLOC_TUNING=0</c> opts out.
/// </summary>
internal static partial class MallocTuning
{
    private const int MTrimThreshold = -1;
    private const int MMmapThreshold = -3;

    /// <summary>Whether the thresholds were set by MLSeg in this process.</summary>
    public static bool Applied { get; private set; }

    /// <summary>The mmap threshold MLSeg set (blocks of at least this size are mapped, and unmapped when freed), or 0.</summary>
    public static int MmapThresholdBytes { get; private set; }

    /// <summary>The trim threshold MLSeg set (free memory above it at the top of the heap goes back to the system), or 0.</summary>
    public static int TrimThresholdBytes { get; private set; }

    /// <summary>Whether glibc maps malloc's memory with transparent huge pages (<c>glibc.malloc.hugetlb</c> ≥ 1 in <c>GLIBC_TUNABLES</c>).</summary>
    public static bool HugePages => Tunable("glibc.malloc.hugetlb") is { } value && value != "0";

    public static void Apply()
    {
        if (!OperatingSystem.IsLinux()
            || Tunable("glibc.malloc.mmap_threshold") is not null
            || Tunable("glibc.malloc.trim_threshold") is not null
            || Environment.GetEnvironmentVariable("MLSEG_MALLOC_TUNING") == "0")
        {
            return;
        }

        (int mmap, int trim) = HugePages ? (8 << 20, 32 << 20) : (32 << 20, 256 << 20);
        Applied = mallopt(MMmapThreshold, mmap) == 1 && mallopt(MTrimThreshold, trim) == 1;
        (MmapThresholdBytes, TrimThresholdBytes) = Applied ? (mmap, trim) : (0, 0);
    }

    // The value of one tunable in GLIBC_TUNABLES (name=value pairs separated by ':'), or null when it is not set.
    private static string? Tunable(string name)
    {
        string? tunables = Environment.GetEnvironmentVariable("GLIBC_TUNABLES");
        if (string.IsNullOrEmpty(tunables))
        {
            return null;
        }

        foreach (string pair in tunables.Split(':'))
        {
            int eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && pair.AsSpan(0, eq).SequenceEqual(name))
            {
                return pair[(eq + 1)..];
            }
        }

        return null;
    }

    [LibraryImport("libc", EntryPoint = "mallopt")]
    private static partial int mallopt(int param, int value);
}
