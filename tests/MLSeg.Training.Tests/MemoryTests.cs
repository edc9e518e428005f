using System.Globalization;
using MLSeg.Core.Randomness;
using MLSeg.Models;
using MLSeg.Models.Contracts;
using MLSeg.TestKit;
using MLSeg.Training.FineTuning;
using Xunit.Abstractions;

namespace MLSeg.Training.Tests;

/// <summary>Process-wide RSS is only meaningful while nothing else runs: this class runs alone (see <see cref="Serial"/>).</summary>
[Collection(nameof(Serial))]
public class MemoryTests(ITestOutputHelper output)
{
    [NativeFact]
    public void Train_1000Steps_RssStaysFlat()
    {
        // One step per epoch (2 images of 8×8, batch 2), so the per-epoch work (re-seeding, shuffling, scheduling) is exercised too.
        using var net = new TinySegNet(1, 2, seed: 1, dropout: 0.1);
        long rssAt100 = 0;
        var options = new FineTuneOptions
        {
            Phases = [new("train", 1000, 1e-3, 1e-3)],
            BatchSize = 2,
            Seed = new SeedSource(1),
            Schedule = ScheduleKind.Cosine,
        };
        var progress = new SyncProgress<TrainingProgress>(p =>
        {
            if (p.EndOfEpoch && p.Epoch == 100)
            {
                rssAt100 = RssKb();
            }
        });
        new FineTuneTrainer(options, progress).Train(net, TestData.Dataset(2, 8, seed: 2));
        long rssAt1000 = RssKb();
        double growth = (double)(rssAt1000 - rssAt100) / rssAt100;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"VmRSS {rssAt100} kB at step 100, {rssAt1000} kB at step 1000 ({growth:P2})"));
        Assert.True(growth < 0.05, string.Create(CultureInfo.InvariantCulture, $"VmRSS grew {growth:P1}: {rssAt100} kB at step 100, {rssAt1000} kB at step 1000"));
    }

    [NativeFact]
    public void Train_100ConsecutiveArms_RssStaysFlat()
    {
        // An experiment grid in one process: each arm builds a fresh U-Net, fine-tunes it through both phases (a new
        // optimizer per phase), checkpoints it with its optimizer state, and disposes it. RSS is measured after 20 warm-up arms.
        const int warmUp = 20;
        const int arms = 100;
        var train = TestData.Dataset(2, 8, seed: 3);
        var config = new ModelConfig { Depth = 2, BaseChannels = 4, Norm = NormKind.Batch };
        using var tmp = new TempDir();
        long rssAfterWarmUp = 0;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (int arm = 0; arm < arms; arm++)
        {
            if (arm == warmUp)
            {
                rssAfterWarmUp = RssKb();
            }

            using var generator = new TorchSharp.torch.Generator((ulong)arm + 1);
            using SegmentationNetwork net = ModelFactory.Create(config, generator);
            var options = new FineTuneOptions
            {
                Phases = FineTuneOptions.FrozenThenUnfrozen(1, 1e-3, 1, 1e-3),
                BatchSize = 2,
                Seed = new SeedSource((ulong)arm),
                OutputDirectory = Path.Combine(tmp.Path, "arm"),
            };
            new FineTuneTrainer(options).Train(net, train);
        }

        long rssEnd = RssKb();
        double growth = (double)(rssEnd - rssAfterWarmUp) / rssAfterWarmUp;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"VmRSS {rssAfterWarmUp} kB after {warmUp} arms, {rssEnd} kB after {arms} ({growth:P2}); {clock.Elapsed.TotalSeconds:F1} s"));
        Assert.True(growth < 0.05, string.Create(CultureInfo.InvariantCulture, $"VmRSS grew {growth:P1}: {rssAfterWarmUp} kB after {warmUp} arms, {rssEnd} kB after {arms}"));
    }

    // RSS with the managed heap compacted and its free regions decommitted (an aggressive collection): the .NET GC keeps
    // freed regions committed at its discretion (10 MB over the 1,000-step test), which is reusable memory, not a leak.
    private static long RssKb()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        string line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture);
    }
}

/// <summary>Tests in this collection run with no other test of the assembly in parallel.</summary>
[CollectionDefinition(nameof(Serial), DisableParallelization = true)]
public sealed class Serial;
