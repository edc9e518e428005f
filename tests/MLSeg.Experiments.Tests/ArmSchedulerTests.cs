using System.Collections.Concurrent;
using MLSeg.Experiments.Running;
using MLSeg.ImageIO;

namespace MLSeg.Experiments.Tests;

public class ArmSchedulerTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData(1, 5)]
    [InlineData(2, 5)]
    [InlineData(4, 3)]
    public void Run_AllSucceed_RunsEveryItemOnce(int jobs, int count)
    {
        var seen = new ConcurrentBag<int>();
        int completed = ArmScheduler.Run(Enumerable.Range(0, count).ToList(), jobs, seen.Add, i => $"arm{i}");
        Assert.Equal(count, completed);
        Assert.Equal(Enumerable.Range(0, count), seen.Order());
    }

    [Fact]
    public void Run_TwoJobs_RunsTwoItemsAtOnce()
    {
        // Each of the first two items waits for the other: only a scheduler running two at once gets past the barrier.
        using var barrier = new Barrier(2);
        var met = new ConcurrentBag<bool>();
        ArmScheduler.Run([0, 1], 2, _ => met.Add(barrier.SignalAndWait(Patience)), i => $"arm{i}");
        Assert.Equal([true, true], met);
    }

    [Fact]
    public void Run_OneJob_StopsAtTheFirstFailureAndNamesTheArm()
    {
        var ran = new List<int>();
        var ex = Assert.Throws<ArmFailedException>(() => ArmScheduler.Run(Enumerable.Range(0, 5).ToList(), 1, i =>
        {
            ran.Add(i);
            if (i == 2)
            {
                throw new InvalidDataException("mask has the wrong size");
            }
        }, i => $"arm{i}"));
        Assert.Equal([0, 1, 2], ran); // items after the failure never start
        Assert.StartsWith("arm arm2 failed: mask has the wrong size", ex.Message, StringComparison.Ordinal);
        Assert.IsType<InvalidDataException>(ex.InnerException);
    }

    [Fact]
    public void Run_TwoJobs_FailureLetsTheRunningArmFinishAndStartsNoMore()
    {
        using var failed = new ManualResetEventSlim();
        var started = new ConcurrentBag<int>();
        var finished = new ConcurrentBag<int>();
        var ex = Assert.Throws<ArmFailedException>(() => ArmScheduler.Run(Enumerable.Range(0, 8).ToList(), 2, i =>
        {
            started.Add(i);
            if (i == 1)
            {
                failed.Set();
                throw new InvalidOperationException("boom");
            }

            if (i == 0)
            {
                Assert.True(failed.Wait(Patience)); // item 0 is still running when item 1 fails
                Thread.Sleep(200); // and finishes only after item 1's thread has recorded the failure
            }

            finished.Add(i);
        }, i => $"arm{i}"));
        Assert.Contains("arm arm1 failed: boom", ex.Message, StringComparison.Ordinal);
        Assert.Contains(0, finished);
        // After the failure is recorded nothing starts; only item 0's thread may have taken one more item in between.
        Assert.InRange(started.Count, 2, 3);
        Assert.DoesNotContain(1, finished);
    }

    [Fact]
    public void Run_SeveralFailures_NamesTheOthersToo()
    {
        using var barrier = new Barrier(2);
        var ex = Assert.Throws<ArmFailedException>(() => ArmScheduler.Run([0, 1], 2, i =>
        {
            barrier.SignalAndWait(Patience);
            throw new InvalidOperationException($"bad {i}");
        }, i => $"arm{i}"));
        Assert.Contains("1 other arm(s) failed too", ex.Message, StringComparison.Ordinal);
        Assert.Contains("arm0", ex.Message, StringComparison.Ordinal);
        Assert.Contains("arm1", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void Run_NonPositiveJobs_Throws(int jobs) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ArmScheduler.Run([1], jobs, _ => { }, _ => "a"));

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void RunnerOptions_NonPositiveJobs_Throws(int jobs) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new RunnerOptions { RunDirectory = "r", CacheDirectory = "c", Loader = new ImageLoader(), Jobs = jobs });
}
