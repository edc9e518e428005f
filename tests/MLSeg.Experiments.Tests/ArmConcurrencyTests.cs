using MLSeg.Experiments.Running;
using MLSeg.Experiments.Specs;
using MLSeg.TestKit;
using TorchSharp;

namespace MLSeg.Experiments.Tests;

/// <summary><c>--jobs auto</c>: the pure choice from injected machine numbers, the compute slots per device, MemAvailable.</summary>
public class ArmConcurrencyTests
{
    private const long Gib = 1L << 30;

    // compute slots, free bytes, bytes per arm, pending arms → jobs, what limited it (hand-computed: jobs = min(slots,
    // ⌊0.8 · free / arm⌋, pending), at least 1)
    public static TheoryData<int, long, long, int, int, string> Cases => new()
    {
        { 8, 141 * Gib, 2 * Gib, 140, 8, "compute slots" },     // an H200 with ResNet-34 U-Nets: 56 fit, 8 slots
        { 8, 10 * Gib, 2 * Gib, 140, 4, "memory" },             // ⌊8 / 2⌋ = 4
        { 8, 141 * Gib, 2 * Gib, 3, 3, "pending arms" },
        { 2, 20 * Gib, Gib / 10, 16, 2, "compute slots" },      // the 2-core CPU
        { 8, Gib, 2 * Gib, 140, 1, "memory" },                  // nothing fits: one arm still runs (the device's OOM decides)
        { 4, 5 * Gib, Gib, 0, 1, "pending arms" },              // nothing pending: 1, never 0
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Choose_InjectedNumbers_TakesTheSmallestLimit(int slots, long free, long arm, int pending, int expected, string limit)
    {
        JobsChoice choice = ArmConcurrency.Choose(slots, free, arm, pending);
        Assert.Equal(expected, choice.Jobs);
        Assert.EndsWith("limited by " + limit, choice.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Choose_ReasonNamesTheNumbers()
    {
        JobsChoice choice = ArmConcurrency.Choose(8, 10 * Gib, 2 * Gib, 140);
        Assert.Equal("8 compute slot(s), 10 GiB free × 0.8 / 2 GiB per arm = 4 arm(s) by memory, 140 pending; limited by memory", choice.Reason);
    }

    [Theory]
    [InlineData(0, 1L, 1L, 1)]
    [InlineData(1, -1L, 1L, 1)]
    [InlineData(1, 1L, 0L, 1)]
    [InlineData(1, 1L, 1L, -1)]
    public void Choose_OutOfRange_Throws(int slots, long free, long arm, int pending) =>
        Assert.ThrowsAny<ArgumentOutOfRangeException>(() => ArmConcurrency.Choose(slots, free, arm, pending));

    [Theory]
    [InlineData("cpu", 2, 2, 2)]      // one arm per libtorch thread
    [InlineData("cpu", 16, 32, 16)]   // libtorch's threads (physical cores), not the logical CPUs
    [InlineData("cuda", 2, 2, 2)]     // a GPU arm needs a host thread to launch its kernels
    [InlineData("cuda", 16, 16, ArmConcurrency.MaxCudaJobs)]
    [InlineData("cuda:1", 1, 1, 1)]
    public void ComputeSlots_PerDevice(string device, int cpuThreads, int hostProcessors, int expected)
    {
        var d = device.StartsWith("cuda", StringComparison.Ordinal)
            ? new torch.Device(DeviceType.CUDA, device.Length > 4 ? int.Parse(device[5..], System.Globalization.CultureInfo.InvariantCulture) : 0)
            : torch.CPU;
        Assert.Equal(expected, ArmConcurrency.ComputeSlots(d, cpuThreads, hostProcessors));
    }

    [Fact]
    public void HostAvailableBytes_ReadsMemAvailableInKib()
    {
        string dir = RepoPaths.NewTempDir();
        try
        {
            string path = Path.Combine(dir, "meminfo");
            File.WriteAllText(path, "MemTotal:       24576000 kB\nMemFree:         1000000 kB\nMemAvailable:   12288000 kB\nBuffers:          100 kB\n");
            Assert.Equal(12288000L * 1024, ArmConcurrency.HostAvailableBytes(path));

            File.WriteAllText(path, "MemTotal:       24576000 kB\n");
            var missing = Assert.Throws<FormatException>(() => ArmConcurrency.HostAvailableBytes(path));
            Assert.Contains("no MemAvailable line", missing.Message, StringComparison.Ordinal);

            File.WriteAllText(path, "MemAvailable:   12 MB\n");
            var bad = Assert.Throws<FormatException>(() => ArmConcurrency.HostAvailableBytes(path));
            Assert.Contains("'MemAvailable:   12 MB'", bad.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void HostAvailableBytes_ThisMachine_IsPositiveAndBelowTotal()
    {
        long available = ArmConcurrency.HostAvailableBytes();
        Assert.InRange(available, 1, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes * 2);
    }

    [NativeFact]
    public void Auto_CpuSpec_ChoosesWithinThreadsAndPending()
    {
        string dir = RepoPaths.NewTempDir();
        try
        {
            string path = Path.Combine(dir, "tiny.yaml");
            File.WriteAllText(path, "name: tiny\ncohort: {synth: {kind: l3-ct, patients: 8, size: 32}}\nmodel: {architecture: unet, depth: 2, base_channels: 4}\nsources: [{name: none}]\nsizes: [2]\n");
            ExperimentSpec spec = SpecParser.ParseFile(path).Resolve();
            JobsChoice choice = ArmConcurrency.Auto(spec, torch.CPU, pendingArms: 3);
            Assert.InRange(choice.Jobs, 1, Math.Min(3, torch.get_num_threads()));
            Assert.Contains("compute slot(s)", choice.Reason, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
