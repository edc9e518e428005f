using System.Collections.Concurrent;
using System.Diagnostics;
using MLSeg.Experiments.Planning;
using MLSeg.Experiments.Running;
using MLSeg.TestKit;
using MLSeg.Training.Pretraining;

namespace MLSeg.Experiments.Tests;

/// <summary>
/// Pretraining concurrency under <c>--jobs N</c>: arms that build a pretraining lead (one per key), arms that need none
/// follow, and every key is built once however the workers interleave.
/// </summary>
public class ArmOrderTests
{
    private static Arm A(string source, int n, int fold, string? key) =>
        new($"{source}-{n}-{fold}", source, "random", n.ToString(System.Globalization.CultureInfo.InvariantCulture), fold, 0, key, "cohort");

    [Fact]
    public void PretrainingFirst_LeadersThenReadyThenWaiting_KeepingPlanOrder()
    {
        var plan = new[]
        {
            A("none", 2, 0, null), A("none", 4, 0, null),
            A("classification", 2, 0, "c"), A("classification", 4, 0, "c"),
            A("autoencoder", 2, 0, "ae"), A("autoencoder", 2, 1, "ae"), // autoencoder keys carry the fold: ae-fold0, ae-fold1
            A("jigsaw", 2, 0, "cached"), A("import", 2, 0, null),
        };
        IReadOnlyList<Arm> order = ArmOrder.PretrainingFirst(plan, a => a.PretrainKey != "cached");
        Assert.Equal(
            ["classification-2-0", "autoencoder-2-0", "autoencoder-2-1", "none-2-0", "none-4-0", "jigsaw-2-0", "import-2-0", "classification-4-0"],
            order.Select(a => a.Id));
    }

    [Fact]
    public void PretrainingFirst_NothingToBuild_KeepsThePlan()
    {
        var plan = new[] { A("none", 2, 0, null), A("classification", 2, 0, "c"), A("none", 4, 0, null) };
        Assert.Equal(plan, ArmOrder.PretrainingFirst(plan, _ => false));
    }

    [Fact]
    public void SchedulerWithPretrainingFirst_ThreeJobs_BuildsEachKeyOnceWhileArmsWithoutPretrainingRun()
    {
        // Two pretraining keys × three arms each, three arms without pretraining, three workers: the two leaders build
        // their keys at once (a real PretrainingCache with its file lock, a 300 ms build), the third worker runs the
        // none arms meanwhile, and the followers find the weights built.
        string dir = RepoPaths.NewTempDir();
        try
        {
            var cache = new PretrainingCache(dir);
            var plan = new List<Arm>();
            foreach (string key in new[] { "k1", "k2" })
            {
                plan.AddRange(Enumerable.Range(0, 3).Select(i => A("classification", i, key == "k1" ? 0 : 1, key)));
            }

            plan.AddRange(Enumerable.Range(0, 3).Select(i => A("none", i, 0, null)));
            var builds = new ConcurrentDictionary<string, int>();
            var events = new ConcurrentQueue<(string What, string Arm, TimeSpan At)>();
            var clock = Stopwatch.StartNew();
            IReadOnlyList<Arm> order = ArmOrder.PretrainingFirst(plan, a => a.PretrainJobKey is { } k && cache.TryGet(k) is null);

            int ran = ArmScheduler.Run(order, 3, arm =>
            {
                events.Enqueue(("start", arm.Id, clock.Elapsed));
                if (arm.PretrainJobKey is { } key)
                {
                    cache.GetOrCreate(key, PretrainingStrategy.Classification, "encoder", path =>
                    {
                        builds.AddOrUpdate(key, 1, (_, n) => n + 1);
                        Thread.Sleep(300);
                        File.WriteAllBytes(path, [1]);
                        events.Enqueue(("built", key, clock.Elapsed));
                        return new Dictionary<string, string>();
                    });
                }
                else
                {
                    Thread.Sleep(20);
                }

                events.Enqueue(("end", arm.Id, clock.Elapsed));
            }, a => a.Id);

            Assert.Equal(9, ran);
            Assert.Equal(new Dictionary<string, int> { ["k1"] = 1, ["k2"] = 1 }, builds.OrderBy(p => p.Key).ToDictionary());
            TimeSpan firstBuilt = events.Where(e => e.What == "built").Min(e => e.At);
            // Both keys were being built at once, and a none arm finished before either build did.
            Assert.True(events.Where(e => e.What == "built").Max(e => e.At) - firstBuilt < TimeSpan.FromMilliseconds(250), string.Join("\n", events));
            Assert.Contains(events, e => e.What == "end" && e.Arm.StartsWith("none", StringComparison.Ordinal) && e.At < firstBuilt);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
