using System.Diagnostics;
using MLSeg.Core.Randomness;
using MLSeg.Synthetic.Ct;
using Xunit.Abstractions;

namespace MLSeg.Synthetic.Tests;

/// <summary>Runs alone (no other test class in parallel) so the process CPU time is this test's own.</summary>
[CollectionDefinition(nameof(GenerationSpeedTests), DisableParallelization = true)]
public sealed class GenerationSpeedCollection;

[Collection(nameof(GenerationSpeedTests))]
public class GenerationSpeedTests(ITestOutputHelper output)
{
    [Fact]
    public void L3Ct_200PatientsAt512_FewSecondsOfCpu()
    {
        // CPU time rather than wall time: the shared CI/dev machine may be loaded by other jobs.
        var phantom = new L3CtPhantom(new L3CtOptions { SizePx = 512 });
        phantom.Generate(new SeedSource(1), 0); // JIT warm-up
        var process = Process.GetCurrentProcess();
        TimeSpan cpu0 = process.TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        long muscle = 0;
        Parallel.For(0, 200, i => Interlocked.Add(ref muscle, phantom.Generate(new SeedSource(1), i).Truth.Count(1)));
        sw.Stop();
        process.Refresh();
        double cpuS = (process.TotalProcessorTime - cpu0).TotalSeconds;
        output.WriteLine($"200 patients at 512² (no observers, no writing): wall {sw.Elapsed.TotalSeconds:F2} s, CPU {cpuS:F2} s on {Environment.ProcessorCount} cores");
        Assert.True(muscle > 0);
        Assert.True(cpuS < 40, $"took {cpuS:F1} s of CPU ({cpuS / 200 * 1000:F0} ms per patient)");
    }
}
