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

    [NativeFact]
    public void GetOrCreate_TempFolderOfAKilledBuild_IsRemovedOthersKept()
    {
        using var tmp = new TempDir();
        var cache = new PretrainingCache(tmp.Path);
        // What a build killed mid-way leaves: its hidden temp folder with a half-written weights file.
        string stale = Path.Combine(tmp.Path, ".k2.12345.0123456789abcdef0123456789abcdef.tmp");
        Directory.CreateDirectory(stale);
        File.WriteAllText(Path.Combine(stale, "weights.safetensors"), "half");
        string otherKey = Path.Combine(tmp.Path, ".k3.12345.0123456789abcdef0123456789abcdef.tmp");
        Directory.CreateDirectory(otherKey);
        using var net = new TinySegNet(1, 2, seed: 1);

        var (_, built) = cache.GetOrCreate("k2", PretrainingStrategy.Jigsaw, "encoder", path =>
        {
            WeightTransfer.SaveEncoder(net.Encoder, path);
            return new Dictionary<string, string>();
        });

        Assert.True(built);
        Assert.False(Directory.Exists(stale));
        Assert.True(Directory.Exists(otherKey)); // another key's build may still be running: not ours to remove
        Assert.NotNull(cache.TryGet("k2"));
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
