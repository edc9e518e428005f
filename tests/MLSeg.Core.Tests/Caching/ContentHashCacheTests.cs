using MLSeg.Core.Caching;
using MLSeg.Core.Imaging;
using MLSeg.TestKit;

namespace MLSeg.Core.Tests.Caching;

public sealed class ContentHashCacheTests : IDisposable
{
    private const int Side = 64;
    private const long EntryBytes = (Side * Side * sizeof(float)) + 256; // samples + the cache's stated per-entry overhead

    private readonly string _dir = RepoPaths.NewTempDir();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void GetOrAdd_SecondLookup_ReturnsBitwiseEqualCopyWithoutComputing()
    {
        var cache = new ContentHashCache(_dir);
        int computes = 0;
        Image2D first = cache.GetOrAddImage(Key(1), () => { computes++; return Ramp(1); });
        Image2D second = cache.GetOrAddImage(Key(1), () => { computes++; return Ramp(99); });

        Assert.Equal(1, computes);
        AssertBitwiseEqual(Ramp(1), second);
        Assert.NotSame(first.Data, second.Data);
        second.Data[0] = -1; // the caller's copy is its own
        AssertBitwiseEqual(Ramp(1), cache.GetOrAddImage(Key(1), () => Ramp(99)));
        Assert.Equal(new CacheStatistics(2, 0, 1, 0, 1, 0), cache.Statistics);
    }

    [Fact]
    public void GetOrAdd_LaterProcess_ReadsSpillFile()
    {
        new ContentHashCache(_dir).GetOrAddImage(Key(2), () => Ramp(2));
        var later = new ContentHashCache(_dir); // a resumed run: empty memory, same root
        Image2D image = later.GetOrAddImage(Key(2), () => throw new InvalidOperationException("must come from disk"));

        AssertBitwiseEqual(Ramp(2), image);
        Assert.Equal(1, later.Statistics.DiskHits);
        Assert.True(File.Exists(later.SpillPath(Key(2))));
        Assert.Equal(Path.Combine(_dir, Key(2).Hex[..2], Key(2).Hex + ".bin"), later.SpillPath(Key(2)));
    }

    [Fact]
    public void GetOrAdd_LabelMap_RoundTripsLabelsAndSpacing()
    {
        var labels = new LabelMap(3, 5, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 255], new PixelSpacing(0.7, 0.8));
        new ContentHashCache(_dir).GetOrAddLabels(Key(3), () => labels);
        LabelMap back = new ContentHashCache(_dir).GetOrAddLabels(Key(3), () => throw new InvalidOperationException("must come from disk"));

        Assert.Equal(labels.Labels, back.Labels);
        Assert.Equal((3, 5, labels.SpacingMm), (back.Height, back.Width, back.SpacingMm));
    }

    [Fact]
    public void GetOrAdd_OverBudget_EvictsLeastRecentlyUsedAndReloadsFromDisk()
    {
        var cache = new ContentHashCache(_dir, 3 * EntryBytes);
        for (int i = 0; i < 10; i++)
        {
            cache.GetOrAddImage(Key(i), () => Ramp(i));
            Assert.True(cache.BytesInMemory <= cache.MemoryBudgetBytes, $"after {i + 1} entries {cache.BytesInMemory} B > budget {cache.MemoryBudgetBytes} B");
        }

        Assert.Equal(3, cache.EntriesInMemory);
        Assert.Equal(3 * EntryBytes, cache.BytesInMemory);
        Assert.Equal(7, cache.Statistics.Evictions);

        Image2D reloaded = cache.GetOrAddImage(Key(0), () => throw new InvalidOperationException("evicted entries are read back from their spill file"));
        AssertBitwiseEqual(Ramp(0), reloaded);
        Assert.Equal(1, cache.Statistics.DiskHits);
        Assert.Equal(10, cache.Statistics.Computes);
        Assert.True(cache.BytesInMemory <= cache.MemoryBudgetBytes);

        cache.GetOrAddImage(Key(9), () => throw new InvalidOperationException("the most recent entry stays in memory"));
        Assert.Equal(1, cache.Statistics.MemoryHits);
    }

    [Fact]
    public void GetOrAdd_MemoryOnlyOverBudget_RecomputesEvicted()
    {
        var cache = new ContentHashCache(null, EntryBytes);
        cache.GetOrAddImage(Key(1), () => Ramp(1));
        cache.GetOrAddImage(Key(2), () => Ramp(2));
        int computes = 0;
        AssertBitwiseEqual(Ramp(1), cache.GetOrAddImage(Key(1), () => { computes++; return Ramp(1); }));
        Assert.Equal(1, computes);
        Assert.Throws<InvalidOperationException>(() => cache.SpillPath(Key(1)));
    }

    [Fact]
    public void GetOrAdd_EntryLargerThanBudget_NotHeldInMemory()
    {
        var cache = new ContentHashCache(_dir, EntryBytes - 1);
        cache.GetOrAddImage(Key(1), () => Ramp(1));
        Assert.Equal(0, cache.EntriesInMemory);
        Assert.Equal(0, cache.BytesInMemory);
        AssertBitwiseEqual(Ramp(1), cache.GetOrAddImage(Key(1), () => throw new InvalidOperationException("from disk")));
    }

    public static TheoryData<string> Damages => new() { "truncated", "payload-bit-flip", "header-bit-flip", "empty", "other-key" };

    [Theory]
    [MemberData(nameof(Damages))]
    public void GetOrAdd_DamagedSpillFile_RecomputesAndOverwrites(string damage)
    {
        new ContentHashCache(_dir).GetOrAddImage(Key(5), () => Ramp(5));
        string path = new ContentHashCache(_dir).SpillPath(Key(5));
        byte[] bytes = File.ReadAllBytes(path);
        switch (damage)
        {
            case "truncated": File.WriteAllBytes(path, bytes[..^7]); break;
            case "payload-bit-flip": bytes[^100] ^= 0x10; File.WriteAllBytes(path, bytes); break;
            case "header-bit-flip": bytes[53] ^= 0x01; File.WriteAllBytes(path, bytes); break; // height
            case "empty": File.WriteAllBytes(path, []); break;
            case "other-key": File.Copy(WriteOther(), path, overwrite: true); break;
        }

        var cache = new ContentHashCache(_dir);
        int computes = 0;
        Image2D image = cache.GetOrAddImage(Key(5), () => { computes++; return Ramp(5); });

        AssertBitwiseEqual(Ramp(5), image);
        Assert.Equal(1, computes);
        Assert.Equal(1, cache.Statistics.CorruptSpillFiles);
        Image2D again = new ContentHashCache(_dir).GetOrAddImage(Key(5), () => throw new InvalidOperationException("the rewritten file must be valid"));
        AssertBitwiseEqual(Ramp(5), again);
    }

    [Fact]
    public void GetOrAdd_ConcurrentLookups_ComputeEachKeyOnce()
    {
        var cache = new ContentHashCache(_dir, 4 * EntryBytes); // small budget: evictions and disk reads race with computes
        const int keys = 12, threads = 8;
        var counts = new int[keys];
        using var start = new Barrier(threads);
        var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            start.SignalAndWait();
            for (int round = 0; round < 3; round++)
            {
                for (int k = 0; k < keys; k++)
                {
                    int key = (k + t) % keys;
                    Image2D image = cache.GetOrAddImage(Key(key), () =>
                    {
                        Interlocked.Increment(ref counts[key]);
                        Thread.Sleep(5); // widen the window in which other threads ask for the same key
                        return Ramp(key);
                    });
                    if (image.Data[1] != Ramp(key).Data[1])
                    {
                        failures.Enqueue($"thread {t} key {key}: wrong value");
                    }
                }
            }
        })).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());

        Assert.Empty(failures);
        Assert.All(counts, c => Assert.Equal(1, c));
        Assert.True(cache.BytesInMemory <= cache.MemoryBudgetBytes);
    }

    [Fact]
    public void GetOrAdd_SameKeyOtherKind_Throws()
    {
        var cache = new ContentHashCache(null);
        cache.GetOrAddImage(Key(1), () => Ramp(1));
        var ex = Assert.Throws<ArgumentException>(() => cache.GetOrAddLabels(Key(1), () => new LabelMap(2, 2)));
        Assert.Contains("Image2D", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GetOrAdd_ComputeThrows_NothingCachedAndNextLookupRetries()
    {
        var cache = new ContentHashCache(_dir);
        Assert.Throws<IOException>(() => cache.GetOrAddImage(Key(1), () => throw new IOException("decode failed")));
        Assert.False(File.Exists(cache.SpillPath(Key(1))));
        AssertBitwiseEqual(Ramp(1), cache.GetOrAddImage(Key(1), () => Ramp(1)));
    }

    [Fact]
    public void FromEnvironment_BudgetVariable_SetsBudgetOrFailsClearly()
    {
        string? saved = Environment.GetEnvironmentVariable(ContentHashCache.BudgetVariable);
        try
        {
            Environment.SetEnvironmentVariable(ContentHashCache.BudgetVariable, "3");
            Assert.Equal(3L * 1024 * 1024, ContentHashCache.FromEnvironment(_dir).MemoryBudgetBytes);
            Environment.SetEnvironmentVariable(ContentHashCache.BudgetVariable, "lots");
            var ex = Assert.Throws<ArgumentException>(() => ContentHashCache.FromEnvironment(_dir));
            Assert.Contains("MLSEG_CACHE_MB='lots'", ex.Message, StringComparison.Ordinal);
            Environment.SetEnvironmentVariable(ContentHashCache.BudgetVariable, null);
            Assert.Equal(ContentHashCache.Defaults.MemoryBudgetBytes, ContentHashCache.FromEnvironment(_dir).MemoryBudgetBytes);
        }
        finally
        {
            Environment.SetEnvironmentVariable(ContentHashCache.BudgetVariable, saved);
        }
    }

    private string WriteOther()
    {
        string otherRoot = Path.Combine(_dir, "other");
        var other = new ContentHashCache(otherRoot);
        other.GetOrAddImage(Key(6), () => Ramp(5)); // same geometry and payload, stored under another key
        return other.SpillPath(Key(6));
    }

    private static ContentKey Key(int i) => ContentKey.FromDigests(FormattableString.Invariant($"test;value={i}"));

    private static Image2D Ramp(int seed)
    {
        var data = new float[Side * Side];
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = (seed * 1000.5f) + (i * 0.001f) - MathF.Sqrt(i);
        }

        return new Image2D(1, Side, Side, data, new PixelSpacing(0.5 + seed, 0.75));
    }

    private static void AssertBitwiseEqual(Image2D expected, Image2D actual)
    {
        Assert.Equal((expected.Channels, expected.Height, expected.Width, expected.SpacingMm), (actual.Channels, actual.Height, actual.Width, actual.SpacingMm));
        Assert.True(expected.Data.AsSpan().SequenceEqual(actual.Data), "pixels differ");
        Assert.Equal(
            System.Runtime.InteropServices.MemoryMarshal.AsBytes(expected.Data.AsSpan()).ToArray(),
            System.Runtime.InteropServices.MemoryMarshal.AsBytes(actual.Data.AsSpan()).ToArray());
    }
}
