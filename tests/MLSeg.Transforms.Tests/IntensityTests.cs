using MLSeg.Core.Imaging;
using MLSeg.Transforms.Intensity;

namespace MLSeg.Transforms.Tests;

public class IntensityTests
{
    [Fact]
    public void FromImages_HandComputed_MeanStdPercentiles()
    {
        // Values 1..10 pooled over two images: mean 5.5, population std sqrt(8.25);
        // NumPy-linear percentile p: rank p/100·9 → p=10 → 1.9, p=95 → 9.55.
        var a = new Image2D(1, 1, 4, [1, 2, 3, 4]);
        var b = new Image2D(1, 2, 3, [5, 6, 7, 8, 9, 10]);
        var s = IntensityStatistics.FromImages([a, b], 10, 95);
        Assert.Equal(5.5, s.Mean, 1e-12);
        Assert.Equal(Math.Sqrt(8.25), s.StdDev, 1e-12);
        Assert.Equal(1.9, s.Lower, 1e-6);
        Assert.Equal(9.55, s.Upper, 1e-6);
        Assert.Equal(10, s.Count);
    }

    [Fact]
    public void ClipAndZScore_AppliesClipThenStandardises()
    {
        var stats = new IntensityStatistics(Mean: 10, StdDev: 2, LowerPercentile: 1, Lower: 4, UpperPercentile: 99, Upper: 20, Count: 100);
        float[] dst = new float[4];
        IntensityNormalization.ClipAndZScore([0, 4, 12, 100], dst, stats);
        Assert.Equal([-3f, -3f, 1f, 5f], dst);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    public void ZScore_NonPositiveStd_Throws(double std)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => IntensityNormalization.ZScore([1f], new float[1], 0, std));
    }

    [Fact]
    public void FromImages_NaN_Throws()
    {
        Assert.Throws<ArgumentException>(() => IntensityStatistics.FromImages([new Image2D(1, 1, 2, [1, float.NaN])]));
    }
}
