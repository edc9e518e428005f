using MLSeg.Core.Randomness;

namespace MLSeg.Core.Tests;

public class SeedSourceTests
{
    [Fact]
    public void Derive_SameNameTwice_GivesSameSeed()
    {
        var root = new SeedSource(42);
        Assert.Equal(root.Derive("fold").Value, root.Derive("fold").Value);
        Assert.Equal(root.Derive(3).Value, root.Derive(3).Value);
    }

    [Fact]
    public void Derive_DifferentNamesOrIndices_GiveDifferentSeeds()
    {
        var root = new SeedSource(42);
        var seeds = new HashSet<ulong> { root.Derive("fold").Value, root.Derive("augment").Value, root.Derive("subset").Value };
        for (int i = 0; i < 1000; i++)
        {
            Assert.True(seeds.Add(root.Derive(i).Value), $"index {i} collided");
        }
    }

    [Fact]
    public void CreateRandom_SameSeed_SameSequence()
    {
        var a = new SeedSource(7).CreateRandom();
        var b = new SeedSource(7).CreateRandom();
        for (int i = 0; i < 100; i++)
        {
            Assert.Equal(a.Next(), b.Next());
        }
    }

    [Fact]
    public void Derive_ChildSeeds_AreRoughlyUniformInLowBit()
    {
        // SplitMix's finaliser should make the low bit of consecutive children a fair coin (±5 % over 10 000 draws).
        var root = new SeedSource(1);
        int ones = Enumerable.Range(0, 10_000).Count(i => (root.Derive(i).Value & 1) == 1);
        Assert.InRange(ones, 4500, 5500);
    }
}
