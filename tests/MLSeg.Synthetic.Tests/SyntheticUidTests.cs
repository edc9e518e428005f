using System.Numerics;
using MLSeg.Core.Randomness;

namespace MLSeg.Synthetic.Tests;

public class SyntheticUidTests
{
    [Fact]
    public void Derive_Uid_Is225FormDeterministicAndDistinct()
    {
        string a = SyntheticUid.Derive(new SeedSource(1), "study");
        Assert.Equal(a, SyntheticUid.Derive(new SeedSource(1), "study"));
        Assert.NotEqual(a, SyntheticUid.Derive(new SeedSource(1), "series"));
        Assert.NotEqual(a, SyntheticUid.Derive(new SeedSource(2), "study"));
        Assert.Matches(@"^2\.25\.[1-9][0-9]*$", a);
        Assert.True(a.Length <= 64, "PS3.5 9.1: a UID has at most 64 characters");
        Assert.True(BigInteger.Parse(a[5..], System.Globalization.CultureInfo.InvariantCulture) < BigInteger.One << 128);
    }
}
