using MLSeg.Core.Randomness;
using MLSeg.Synthetic.Ct;
using Xunit.Abstractions;

namespace MLSeg.Synthetic.Tests;

/// <summary>
/// The inter-patient variation of the L3 phantom (habitus, myosteatosis, pose, arms, table, contrast phase, kernel,
/// noise, metal, truncation): each is present in a cohort at a plausible rate, shows in the pixels as stated, and the
/// masks stay consistent with the image.
/// </summary>
public class L3CtVariationTests(ITestOutputHelper output)
{
    private static readonly SeedSource Root = new(20261204);

    private static readonly L3Structure[] Muscles =
    [
        L3Structure.RectusRight, L3Structure.RectusLeft, L3Structure.ObliquesRight, L3Structure.ObliquesLeft,
        L3Structure.PsoasRight, L3Structure.PsoasLeft, L3Structure.QuadratusRight, L3Structure.QuadratusLeft,
        L3Structure.ErectorRight, L3Structure.ErectorLeft,
    ];

    private static readonly Lazy<List<L3CtCase>> Cohort64 = new(() =>
    {
        var phantom = new L3CtPhantom(new L3CtOptions { SizePx = 64 });
        return Enumerable.Range(0, 240).Select(i => phantom.Generate(Root, i)).ToList();
    });

    private static readonly Lazy<List<(L3CtCase Case, byte[] Structures)>> Cohort128 = new(() =>
    {
        var phantom = new L3CtPhantom(new L3CtOptions { SizePx = 128 });
        return Enumerable.Range(0, 80).Select(i => (phantom.Generate(Root, i, out byte[] s), s)).ToList();
    });

    [Fact]
    public void Cohort_EveryKindOfVariation_PresentAtPlausibleRate()
    {
        List<L3CtCase> cases = Cohort64.Value;
        double Rate(Func<L3CtCase, bool> f) => cases.Count(f) / (double)cases.Count;
        double rotationSd = Math.Sqrt(cases.Average(c => c.Traits.RotationDeg * c.Traits.RotationDeg));
        double fovMin = cases.Min(c => c.Acquisition.FieldOfViewMm);
        double fovMax = cases.Max(c => c.Acquisition.FieldOfViewMm);
        output.WriteLine($"arms down {Rate(c => c.Traits.ArmsDown):P0}, myosteatosis {Rate(c => c.Traits.HasMyosteatosis):P0}, metal {Rate(c => c.Traits.HasMetal):P1}, " +
            $"truncated {Rate(c => c.Acquisition.IsTruncated):P1}, oral {Rate(c => c.Acquisition.OralContrast):P0}, rotation sd {rotationSd:F1}°, FOV {fovMin:F0}–{fovMax:F0} mm");
        Assert.InRange(Rate(c => c.Traits.ArmsDown), 0.08, 0.30);
        Assert.InRange(Rate(c => c.Traits.HasMyosteatosis), 0.15, 0.50);
        Assert.InRange(Rate(c => c.Traits.IsSarcopenicLatent), 0.20, 0.50);
        Assert.InRange(Rate(c => c.Acquisition.OralContrast), 0.12, 0.40);
        Assert.InRange(cases.Count(c => c.Traits.HasMetal), 2, 25);
        Assert.InRange(cases.Count(c => c.Acquisition.IsTruncated), 2, 25);
        foreach (ContrastPhase phase in Enum.GetValues<ContrastPhase>())
        {
            Assert.InRange(Rate(c => c.Acquisition.Phase == phase), 0.08, 0.65);
        }

        foreach (ReconstructionKernel kernel in Enum.GetValues<ReconstructionKernel>())
        {
            Assert.InRange(Rate(c => c.Acquisition.Kernel == kernel), 0.10, 0.65);
        }

        Assert.InRange(rotationSd, 3, 7);
        Assert.True(fovMax - fovMin > 100, $"fields of view should span > 100 mm; got {fovMin:F0}–{fovMax:F0}");
        Assert.True(cases.Max(c => c.Acquisition.NoiseSigmaHu) > 3 * cases.Min(c => c.Acquisition.NoiseSigmaHu), "noise levels should vary over a factor > 3");
        double[] areas = [.. cases.Select(c => c.TrueMuscleAreaCm2).Order()];
        Assert.True(areas[^12] > 1.8 * areas[11], $"muscle areas (5th–95th percentile) {areas[11]:F0}–{areas[^12]:F0} cm² should span a factor > 1.8");
    }

    [Fact]
    public void Truth_IsExactlyTheMuscleStructures_AndArmMuscleIsNeverLabelled()
    {
        int armPixels = 0;
        foreach (var (c, s) in Cohort128.Value)
        {
            for (int p = 0; p < s.Length; p++)
            {
                bool muscle = Array.IndexOf(Muscles, (L3Structure)s[p]) >= 0;
                Assert.Equal(muscle, c.Truth.Labels[p] == 1);
                armPixels += s[p] == (byte)L3Structure.ArmMuscle ? 1 : 0;
            }

            Assert.Equal(c.Traits.ArmsDown, s.Contains((byte)L3Structure.ArmMuscle) || c.Acquisition.IsTruncated && c.Traits.ArmsDown);
        }

        Assert.True(armPixels > 0, "the cohort should have arms in the slice");
    }

    [Fact]
    public void StructureAttenuation_FollowsMyosteatosisContrastPhaseAndOralContrast()
    {
        var muscleNormal = new List<double>();
        var muscleSteatotic = new List<double>();
        foreach (var (c, s) in Cohort128.Value)
        {
            string who = $"patient {c.PatientIndex} ({c.Acquisition})";
            double muscle = InteriorMean(c, s, Muscles);
            Assert.True(muscle is > -20 and < 85, $"{who}: muscle {muscle:F0} HU");
            (c.Traits.HasMyosteatosis ? muscleSteatotic : muscleNormal).Add(muscle);
            double fat = InteriorMean(c, s, [L3Structure.SubcutaneousFat]);
            Assert.True(double.IsNaN(fat) || fat is > -135 and < -60, $"{who}: subcutaneous fat {fat:F0} HU");
            double vessel = InteriorMean(c, s, [L3Structure.Vessel]);
            double kidney = InteriorMean(c, s, [L3Structure.Kidney]);
            double content = InteriorMean(c, s, [L3Structure.BowelContent]);
            switch (c.Acquisition.Phase)
            {
                case ContrastPhase.Unenhanced:
                    Assert.True(vessel is > 15 and < 70, $"{who}: vessel {vessel:F0} HU");
                    Assert.True(double.IsNaN(kidney) || kidney is > 10 and < 60, $"{who}: kidney {kidney:F0} HU");
                    break;
                default:
                    Assert.True(vessel > 90, $"{who}: vessel {vessel:F0} HU");
                    Assert.True(double.IsNaN(kidney) || kidney > 100, $"{who}: kidney {kidney:F0} HU");
                    break;
            }

            if (!double.IsNaN(content))
            {
                Assert.True(c.Acquisition.OralContrast ? content > 120 : content < 55, $"{who}: bowel content {content:F0} HU");
            }

            double arm = InteriorMean(c, s, [L3Structure.ArmMuscle]);
            if (!double.IsNaN(arm))
            {
                Assert.True(Math.Abs(arm - muscle) < 20, $"{who}: arm muscle {arm:F0} HU should look like abdominal muscle {muscle:F0} HU");
            }

            if (c.Traits.HasMetal)
            {
                Assert.Equal(3071f, c.Image.Data.Max());
            }
        }

        output.WriteLine($"muscle mean HU: normal {muscleNormal.Average():F1} (n={muscleNormal.Count}), myosteatosis {muscleSteatotic.Average():F1} (n={muscleSteatotic.Count})");
        Assert.NotEmpty(muscleSteatotic);
        Assert.True(muscleSteatotic.Average() < muscleNormal.Average() - 15, "myosteatosis should lower muscle attenuation by > 15 HU");
        Assert.True(muscleSteatotic.Min() < 15, "severe myosteatosis should reach the attenuation of fluid");
    }

    [Fact]
    public void Noise_MeasuredInFat_TracksStatedSigma_AndSoftKernelIsSmoother()
    {
        var phantom = new L3CtPhantom(new L3CtOptions { SizePx = 256 });
        var stated = new List<double>();
        var measured = new List<double>();
        var lag1 = new Dictionary<ReconstructionKernel, List<double>>();
        for (int i = 0; i < 24; i++)
        {
            var c = phantom.Generate(Root, i, out byte[] s);
            // Differences of horizontal neighbours inside subcutaneous fat cancel the smooth texture and keep the noise.
            var d = new List<double>();
            var pairs = new List<(double, double)>();
            int n = c.Image.Width;
            for (int y = 0; y < n; y++)
            {
                for (int x = 0; x + 2 < n; x++)
                {
                    int p = (y * n) + x;
                    if (s[p] == (byte)L3Structure.SubcutaneousFat && s[p + 1] == s[p] && s[p + 2] == s[p])
                    {
                        d.Add(c.Image.Data[p + 1] - c.Image.Data[p]);
                        pairs.Add((c.Image.Data[p + 1] - c.Image.Data[p], c.Image.Data[p + 2] - c.Image.Data[p + 1]));
                    }
                }
            }

            stated.Add(c.Acquisition.NoiseSigmaHu);
            measured.Add(Math.Sqrt(d.Average(v => v * v)));
            // Correlated noise makes successive differences less anti-correlated than white noise (−0.5).
            double corr = pairs.Average(t => t.Item1 * t.Item2) / pairs.Average(t => t.Item1 * t.Item1);
            lag1.TryAdd(c.Acquisition.Kernel, []);
            lag1[c.Acquisition.Kernel].Add(corr);
        }

        double r = Pearson(stated, measured);
        output.WriteLine($"corr(stated σ, measured neighbour-difference rms) = {r:F3}; lag-1 difference correlation by kernel: " +
            string.Join(", ", lag1.Select(k => $"{k.Key} {k.Value.Average():F2}")));
        Assert.True(r > 0.8, $"measured noise should track the stated σ; r = {r:F3}");
        Assert.True(lag1[ReconstructionKernel.Sharp].Average() < lag1[ReconstructionKernel.Soft].Average() - 0.1, "a sharp kernel's noise is whiter than a soft kernel's");
    }

    [Fact]
    public void TruncatedCases_LabelsReachTheImageSide_OthersFitInside()
    {
        foreach (L3CtCase c in Cohort64.Value)
        {
            int n = c.Truth.Width;
            bool atSide = Enumerable.Range(0, n).Any(y => c.Truth.Labels[y * n] != 0 || c.Truth.Labels[(y * n) + n - 1] != 0);
            Assert.True(atSide == c.Acquisition.IsTruncated, $"patient {c.PatientIndex}: truncated {c.Acquisition.IsTruncated}, labels at the side {atSide}");
            Assert.Equal(c.Acquisition.FieldOfViewMm / n, c.Image.SpacingMm.RowMm, 9);
            Assert.Equal(c.Image.SpacingMm, c.Truth.SpacingMm);
        }
    }

    [Fact]
    public void Observers_AgreeLikeHumans_AcrossTheVariation()
    {
        var phantom = new L3CtPhantom(new L3CtOptions { SizePx = 256, Observers = 3 });
        var dices = new List<double>();
        var vsTruth = new List<double>();
        for (int i = 0; i < 30; i++)
        {
            var c = phantom.Generate(Root, i);
            for (int a = 0; a < c.Observers.Count; a++)
            {
                vsTruth.Add(Masks.Dice(c.Observers[a], c.Truth, 1));
                for (int b = a + 1; b < c.Observers.Count; b++)
                {
                    dices.Add(Masks.Dice(c.Observers[a], c.Observers[b], 1));
                }
            }
        }

        output.WriteLine($"pairwise {dices.Average():F4} (min {dices.Min():F4}), observer vs truth {vsTruth.Average():F4}");
        Assert.InRange(dices.Average(), 0.92, 0.96);
        Assert.InRange(vsTruth.Average(), 0.93, 0.98);
        Assert.True(dices.Min() > 0.80, "no observer pair should disagree grossly");
    }

    private static double InteriorMean(L3CtCase c, byte[] s, L3Structure[] wanted)
    {
        // Pixels whose four neighbours are the same structure, so partial volume does not mix in the surroundings.
        int n = c.Image.Width;
        double sum = 0;
        int count = 0;
        for (int y = 1; y < n - 1; y++)
        {
            for (int x = 1; x < n - 1; x++)
            {
                int p = (y * n) + x;
                if (Array.IndexOf(wanted, (L3Structure)s[p]) >= 0 && s[p - 1] == s[p] && s[p + 1] == s[p] && s[p - n] == s[p] && s[p + n] == s[p])
                {
                    sum += c.Image.Data[p];
                    count++;
                }
            }
        }

        return count == 0 ? double.NaN : sum / count;
    }

    private static double Pearson(List<double> a, List<double> b)
    {
        double ma = a.Average();
        double mb = b.Average();
        double cov = a.Zip(b, (x, y) => (x - ma) * (y - mb)).Sum();
        return cov / Math.Sqrt(a.Sum(x => (x - ma) * (x - ma)) * b.Sum(y => (y - mb) * (y - mb)));
    }
}
