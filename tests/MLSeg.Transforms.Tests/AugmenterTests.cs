using MLSeg.Core.Imaging;
using MLSeg.Core.Randomness;
using MLSeg.Transforms.Augmentation;

namespace MLSeg.Transforms.Tests;

public class AugmenterTests
{
    private static readonly AugmentationOptions All = new()
    {
        FlipXProbability = 0.5, FlipYProbability = 0.5, MaxRotationDegrees = 30, ScaleRange = 0.2,
        ElasticAlphaPx = 4, ElasticSigmaPx = 5, GainRange = 0.1, BiasRange = 0.1, GammaRange = 0.3, NoiseStd = 0.05,
    };

    private static (Image2D Image, LabelMap Labels) Case()
    {
        var labels = new LabelMap(32, 40);
        var image = new Image2D(1, 32, 40);
        for (int y = 0; y < 32; y++)
        {
            for (int x = 0; x < 40; x++)
            {
                labels[y, x] = (byte)(x is > 8 and < 30 && y is > 6 and < 25 ? (x < 18 ? 1 : 7) : 0);
                image[0, y, x] = labels[y, x] * 10 + (x * 0.1f);
            }
        }

        return (image, labels);
    }

    [Fact]
    public void Apply_SameSeed_IdenticalOutput_DifferentSeed_Different()
    {
        var (image, labels) = Case();
        var d1 = Augmenter.Sample(new SeedSource(99), All);
        var d2 = Augmenter.Sample(new SeedSource(99), All);
        Assert.Equal(d1, d2);
        Assert.Equal(Augmenter.ApplyToImage(image, d1).Data, Augmenter.ApplyToImage(image, d2).Data);
        Assert.Equal(Augmenter.ApplyToLabels(labels, d1).Labels, Augmenter.ApplyToLabels(labels, d2).Labels);
        var d3 = Augmenter.Sample(new SeedSource(100), All);
        Assert.NotEqual(Augmenter.ApplyToImage(image, d1).Data, Augmenter.ApplyToImage(image, d3).Data);
    }

    [Fact]
    public void ApplyToLabels_ManySeeds_NoNewLabelValues()
    {
        var (_, labels) = Case();
        for (ulong s = 0; s < 20; s++)
        {
            var result = Augmenter.ApplyToLabels(labels, Augmenter.Sample(new SeedSource(s), All));
            Assert.All(result.Labels, v => Assert.Contains(v, new byte[] { 0, 1, 7 }));
        }
    }

    [Fact]
    public void ApplyToLabels_FlipX_MirrorsColumns()
    {
        var labels = new LabelMap(1, 3, [1, 2, 3]);
        Assert.Equal([3, 2, 1], Augmenter.ApplyToLabels(labels, new AugmentationDraw { FlipX = true }).Labels);
    }

    [Fact]
    public void ApplyToLabels_Rotate90_MovesPixelAsHandComputed()
    {
        // 3×3, centre (1, 1): a 90° draw samples output (x, y) from source (cx + (y − cy), cy − (x − cx)).
        var labels = new LabelMap(3, 3, [1, 0, 0, 0, 0, 0, 0, 0, 0]);
        var rotated = Augmenter.ApplyToLabels(labels, new AugmentationDraw { RotationDegrees = 90 });
        Assert.Equal(1, rotated[0, 2]); // output (x=2, y=0) samples source (1 + (0 − 1), 1 − (2 − 1)) = (0, 0)
        Assert.Equal(1, rotated.Count(1));
    }

    [Fact]
    public void ApplyIntensity_GainBias_HandComputed()
    {
        float[] v = [0, 1, 2];
        Augmenter.ApplyIntensity(v, new AugmentationDraw { Gain = 2, Bias = -1 });
        Assert.Equal([-1f, 1, 3], v);
    }

    [Fact]
    public void ElasticField_MaxMagnitudeEqualsAlpha()
    {
        var (dx, dy) = ElasticField.Create(20, 30, 3, 4, new SeedSource(5));
        double max = dx.Zip(dy, (a, b) => Math.Sqrt((a * a) + (b * b))).Max();
        Assert.Equal(3, max, 1e-5);
    }
}
