using MLSeg.TestKit;
using MLSeg.Training.Pretraining;

namespace MLSeg.Training.Tests;

public class PretrainingCacheTests
{
    [NativeFact]
    public void GetOrCreate_SecondRequest_LoadsWithoutBuilding()
    {
        using var tmp = new TempDir();
        var cache = new PretrainingCache(Path.Combine(tmp.Path, "cache", "pretrained"));
        int builds = 0;
        using var net = new TinySegNet(1, 2, seed: 1);
        IReadOnlyDictionary<string, string> Build(string path)
        {
            builds++;
            WeightTransfer.SaveEncoder(net.Encoder, path);
            return new Dictionary<string, string> { ["final_loss"] = "0.1" };
        }

        var (first, built1) = cache.GetOrCreate("abc123", PretrainingStrategy.Autoencoder, "encoder", Build);
        var (second, built2) = cache.GetOrCreate("abc123", PretrainingStrategy.Autoencoder, "encoder", Build);
        Assert.True(built1);
        Assert.False(built2);
        Assert.Equal(1, builds);
        Assert.Equal("autoencoder", second.Strategy);
        Assert.Equal(first.CreatedUtc, second.CreatedUtc);
        using var loaded = new TinySegNet(1, 2, seed: 2);
        Assert.True(WeightTransfer.LoadEncoder(loaded.Encoder, cache.WeightsPath("abc123", second)).IsExact);
        Assert.Single(Directory.GetDirectories(cache.Root));
    }

    [Fact]
    public void GetOrCreate_BuildThrows_LeavesNoEntry()
    {
        using var tmp = new TempDir();
        var cache = new PretrainingCache(tmp.Path);
        Assert.Throws<InvalidOperationException>(() => cache.GetOrCreate("k1", PretrainingStrategy.Jigsaw, "encoder", _ => throw new InvalidOperationException("boom")));
        Assert.Null(cache.TryGet("k1"));
        Assert.Empty(Directory.GetDirectories(tmp.Path));
    }

    [Fact]
    public void EntryDirectory_KeyWithPathSeparator_Throws() =>
        Assert.Throws<ArgumentException>(() => new PretrainingCache("/tmp/x").EntryDirectory("../evil"));
}
