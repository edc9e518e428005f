using System.Diagnostics;
using MLSeg.Core.Randomness;
using MLSeg.Synthetic.Ct;
using Xunit.Abstractions;

namespace MLSeg.Synthetic.Tests;

public class L3CtPhantomTests(ITestOutputHelper output)
{
    private static readonly SeedSource Root = new(20261122);

    [Fact]
    public void Generate_SameSeed_IdenticalPixelsMasksAndUids()
    {
        var phantom = new L3CtPhantom(new L3CtOptions { SizePx = 128, Observers = 2 });
        var a = phantom.Generate(Root, 3);
        var b = phantom.Generate(Root, 3);
        Assert.Equal(a.Image.Data, b.Image.Data);
        Assert.Equal(a.Truth.Labels, b.Truth.Labels);
        Assert.Equal(a.Observers[1].Labels, b.Observers[1].Labels);
        Assert.Equal(a.Series, b.Series);
    }

    [Fact]
    public void Generate_OtherIndexOrSeed_Differs()
    {
        var phantom = new L3CtPhantom(new L3CtOptions { SizePx = 128 });
        var a = phantom.Generate(Root, 3);
        Assert.NotEqual(a.Truth.Labels, phantom.Generate(Root, 4).Truth.Labels);
        Assert.NotEqual(a.Truth.Labels, phantom.Generate(new SeedSource(1), 3).Truth.Labels);
        Assert.NotEqual(a.Series.SopInstanceUid, phantom.Generate(Root, 4).Series.SopInstanceUid);
    }

    [Fact]
    public void Generate_MuscleLabelledPixels_MostlyWithinMinus29To150Hu()
    {
        // The −29…150 HU window is the usual definition of skeletal muscle on CT. Fat-infiltrated muscle (myosteatosis,
        // mean 2–30 HU) in a noisy scan spills below −29 HU, as it does in patients, and so do muscles crossed by metal
        // streaks; those must only keep a majority.
        var phantom = new L3CtPhantom(new L3CtOptions { SizePx = 256 });
        for (int i = 0; i < 20; i++)
        {
            var c = phantom.Generate(Root, i);
            int muscle = 0, inRange = 0;
            for (int p = 0; p < c.Truth.Labels.Length; p++)
            {
                if (c.Truth.Labels[p] == 1)
                {
                    muscle++;
                    float hu = c.Image.Data[p];
                    inRange += hu is >= -29 and <= 150 ? 1 : 0;
                }
            }

            double fraction = (double)inRange / muscle;
            double required = c.Traits.HasMyosteatosis || c.Traits.HasMetal ? 0.60 : 0.80;
            Assert.True(fraction >= required, $"patient {i} (myosteatosis {c.Traits.HasMyosteatosis}, muscle {c.Traits.MuscleHuMean:F0} HU, metal {c.Traits.HasMetal}, {c.Acquisition}): {fraction:P1} of muscle pixels within −29…150 HU");
        }
    }

    [Fact]
    public void Generate_TissueValues_InStatedRanges()
    {
        var c = new L3CtPhantom(new L3CtOptions { SizePx = 256 }).Generate(Root, 0);
        Assert.Equal(-1024f, c.Image.Data.Min());
        Assert.True(c.Image.Data.Max() > 500, "cortical bone should exceed 500 HU");
        double fatMean = c.Image.Data.Where((_, p) => c.Truth.Labels[p] == 2).Average();
        Assert.InRange(fatMean, -190, -30);
        Assert.Equal(-1024, c.Series.RescaleIntercept);
        Assert.Equal(c.Acquisition.FieldOfViewMm / 256, c.Image.SpacingMm.RowMm, 12);
        Assert.InRange(c.Acquisition.FieldOfViewMm, 150, 500);
    }

    [Fact]
    public void Generate_Cohort_SarcopenicLatentHasLowerMuscleIndex()
    {
        var phantom = new L3CtPhantom(new L3CtOptions { SizePx = 128 });
        var cases = Enumerable.Range(0, 60).Select(i => phantom.Generate(Root, i)).ToList();
        var sarcopenic = cases.Where(c => c.Traits.IsSarcopenicLatent).Select(c => c.SkeletalMuscleIndex).ToList();
        var normal = cases.Where(c => !c.Traits.IsSarcopenicLatent).Select(c => c.SkeletalMuscleIndex).ToList();
        output.WriteLine($"SMI sarcopenic mean {sarcopenic.Average():F1} (n={sarcopenic.Count}), normal {normal.Average():F1} (n={normal.Count}); areas {cases.Min(c => c.TrueMuscleAreaCm2):F0}–{cases.Max(c => c.TrueMuscleAreaCm2):F0} cm²");
        Assert.NotEmpty(sarcopenic);
        Assert.True(sarcopenic.Average() < normal.Average() - 5, "sarcopenic latent should lower SMI by > 5 cm²/m²");
        Assert.All(cases, c => Assert.InRange(c.TrueMuscleAreaCm2, 50, 300));
    }

    public static TheoryData<int> ObserverSizes => new() { 128, 256, 512 };

    [Theory]
    [MemberData(nameof(ObserverSizes))]
    public void Observers_MeanPairwiseMuscleDice_Between090And097(int size)
    {
        var phantom = new L3CtPhantom(new L3CtOptions { SizePx = size, Observers = 3 });
        var dices = new List<double>();
        for (int i = 0; i < 8; i++)
        {
            var c = phantom.Generate(Root, i);
            for (int a = 0; a < c.Observers.Count; a++)
            {
                for (int b = a + 1; b < c.Observers.Count; b++)
                {
                    dices.Add(Masks.Dice(c.Observers[a], c.Observers[b], 1));
                }
            }
        }

        double mean = dices.Average();
        output.WriteLine($"size {size}: mean pairwise muscle Dice {mean:F4} (min {dices.Min():F4}, max {dices.Max():F4})");
        Assert.InRange(mean, 0.90, 0.97);
        Assert.True(dices.Max() < 1.0, "observers must disagree");
    }
}
