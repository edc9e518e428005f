using System.Runtime.InteropServices;

namespace MLSeg.Models.Engine.Native;

/// <summary>
/// glibc malloc thresholds for libtorch's allocation pattern: training allocates and frees many multi-megabyte
/// activation buffers per step, and glibc's dynamic mmap threshold otherwise moves them onto the heap, where freed
/// memory is returned late and RSS creeps up. Fixing the mmap threshold at 32 MiB and the trim threshold at 256 MiB keeps
/// RSS flat at full speed (docs/BENCHMARKS.md). Applied once when the engine loads, unless the user tunes malloc
/// (<c>GLIBC_TUNABLES</c>) or opts out (<c>MLSEG_MALLOC_TUNING=0</c>).
/// </summary>
internal static partial class MallocTuning
{
    private const int MTrimThreshold = -1;
    private const int MMmapThreshold = -3;

    /// <summary>Whether the thresholds were set by MLSeg in this process.</summary>
    public static bool Applied { get; private set; }

    public static void Apply()
    {
        if (!OperatingSystem.IsLinux()
            || Environment.GetEnvironmentVariable("GLIBC_TUNABLES") is { Length: > 0 } tunables && tunables.Contains("malloc", StringComparison.Ordinal)
            || Environment.GetEnvironmentVariable("MLSEG_MALLOC_TUNING") == "0")
        {
            return;
        }

        Applied = mallopt(MMmapThreshold, 32 << 20) == 1 && mallopt(MTrimThreshold, 256 << 20) == 1;
    }

    [LibraryImport("libc", EntryPoint = "mallopt")]
    private static partial int mallopt(int param, int value);
}
