using System.Collections.Concurrent;
using System.Diagnostics;
using MLSeg.Core.IO;
using MLSeg.TestKit;
using MLSeg.Training.Pretraining;

namespace MLSeg.Experiments.Tests;

/// <summary>
/// Parallel arms (threads) and Slurm array tasks (processes) that need one pretraining key must build it once. The
/// build callbacks here write a small fake weights file, so no libtorch is needed.
/// </summary>
public class PretrainingCacheLockTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    // A build slow enough (200 ms) that racing callers overlap it; without the lock each of them would build.
    private static Func<string, IReadOnlyDictionary<string, string>> SlowBuild(Action onStart) => path =>
    {
        onStart();
        Thread.Sleep(200);
        File.WriteAllBytes(path, [1, 2, 3]);
        return new Dictionary<string, string> { ["by"] = Environment.CurrentManagedThreadId.ToString(System.Globalization.CultureInfo.InvariantCulture) };
    };

    [Fact]
    public void GetOrCreate_FourThreadsOneKey_BuildsOnce()
    {
        string dir = RepoPaths.NewTempDir();
        try
        {
            var cache = new PretrainingCache(dir);
            int builds = 0;
            using var start = new Barrier(4);
            var results = new ConcurrentBag<(PretrainingManifest Manifest, bool Built)>();
            var threads = Enumerable.Range(0, 4).Select(_ => new Thread(() =>
            {
                start.SignalAndWait(Patience);
                results.Add(cache.GetOrCreate("key-a", PretrainingStrategy.Autoencoder, "encoder", SlowBuild(() => Interlocked.Increment(ref builds))));
            })).ToList();
            threads.ForEach(t => t.Start());
            threads.ForEach(t => t.Join());

            Assert.Equal(1, builds);
            Assert.Single(results, r => r.Built);
            Assert.Single(results.Select(r => r.Manifest.Info["by"]).Distinct());
            Assert.Empty(Directory.EnumerateDirectories(dir, ".*.tmp"));
            Assert.True(File.Exists(cache.LockPath("key-a")));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void GetOrCreate_TwoKeysAtOnce_BuildInParallel()
    {
        string dir = RepoPaths.NewTempDir();
        try
        {
            var cache = new PretrainingCache(dir);
            using var both = new Barrier(2);
            var met = new ConcurrentBag<bool>();
            // Each build waits for the other key's build to start: a global (not per-key) lock would stall here.
            var threads = new[] { "key-a", "key-b" }.Select(key => new Thread(() =>
                cache.GetOrCreate(key, PretrainingStrategy.Jigsaw, "encoder", SlowBuild(() => met.Add(both.SignalAndWait(Patience)))))).ToList();
            threads.ForEach(t => t.Start());
            threads.ForEach(t => t.Join());
            Assert.Equal([true, true], met);
            Assert.NotNull(cache.TryGet("key-a"));
            Assert.NotNull(cache.TryGet("key-b"));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void GetOrCreate_FailedBuild_ReleasesTheLockForTheNextCaller()
    {
        string dir = RepoPaths.NewTempDir();
        try
        {
            var cache = new PretrainingCache(dir);
            Assert.Throws<InvalidOperationException>(() => cache.GetOrCreate("key-a", PretrainingStrategy.Autoencoder, "encoder", _ => throw new InvalidOperationException("diverged")));
            var (_, built) = cache.GetOrCreate("key-a", PretrainingStrategy.Autoencoder, "encoder", SlowBuild(() => { }));
            Assert.True(built);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [ToolFact("/usr/bin/python3")]
    public void GetOrCreate_KeyLockedByAnotherProcess_WaitsThenBuildsOnce()
    {
        string dir = RepoPaths.NewTempDir();
        try
        {
            var cache = new PretrainingCache(dir);
            Directory.CreateDirectory(dir);
            using Process holder = HoldLock(cache.LockPath("key-a"));
            int builds = 0;
            var task = Task.Factory.StartNew(() => cache.GetOrCreate("key-a", PretrainingStrategy.Autoencoder, "encoder", SlowBuild(() => Interlocked.Increment(ref builds))),
                TaskCreationOptions.LongRunning);
            Assert.False(task.Wait(TimeSpan.FromMilliseconds(500)), "GetOrCreate went ahead while another process held the key's lock");
            Assert.Equal(0, builds);

            holder.StandardInput.WriteLine("release");
            Assert.True(holder.WaitForExit(Patience));
            Assert.True(task.Wait(Patience));
            Assert.True(task.Result.Built);
            Assert.Equal(1, builds);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [ToolFact("/usr/bin/python3")]
    public void Acquire_HeldByAnotherProcessPastTimeout_ThrowsNamingTheFile()
    {
        string dir = RepoPaths.NewTempDir();
        try
        {
            string path = Path.Combine(dir, "k.lock");
            using Process holder = HoldLock(path);
            var ex = Assert.Throws<TimeoutException>(() => FileLock.Acquire(path, TimeSpan.FromMilliseconds(300)));
            Assert.Contains(path, ex.Message, StringComparison.Ordinal);
            Assert.Contains("another process", ex.Message, StringComparison.Ordinal);
            holder.StandardInput.WriteLine("release");
            Assert.True(holder.WaitForExit(Patience));
            using FileLock held = FileLock.Acquire(path, Patience);
            Assert.Equal(path, held.Path);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    // A second process holding an exclusive flock on the lock file (what .NET's FileShare.None takes on Unix) until it
    // reads a line from standard input.
    private static Process HoldLock(string path)
    {
        var psi = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string a in new[] { "-c", "import fcntl,sys\nf=open(sys.argv[1],'a')\nfcntl.flock(f,fcntl.LOCK_EX)\nprint('held',flush=True)\nsys.stdin.readline()", path })
        {
            psi.ArgumentList.Add(a);
        }

        var p = Process.Start(psi)!;
        Assert.Equal("held", p.StandardOutput.ReadLine());
        return p;
    }
}
