using MLSeg.Core.Randomness;
using MLSeg.Evaluation.Statistics;

namespace MLSeg.Evaluation.Tests;

/// <summary>Statistics against scipy/numpy values stored by References/make_reference.py (tolerance 1e-6 relative) and textbook tables.</summary>
public class StatisticsTests
{
    public static TheoryData<int> WilcoxonCases => new() { 0, 1, 2, 3, 4, 5, 6 };

    [Theory]
    [MemberData(nameof(WilcoxonCases))]
    public void WilcoxonSignedRank_Test_MatchesScipy(int index)
    {
        var c = ReferenceData.Root.GetProperty("wilcoxon")[index];
        var method = c.GetProperty("mode").GetString() == "exact" ? WilcoxonMethod.Exact : WilcoxonMethod.NormalApproximation;

        var r = WilcoxonSignedRank.Test(ReferenceData.Doubles(c.GetProperty("x")), ReferenceData.Doubles(c.GetProperty("y")), method);

        Tolerance.Close(c.GetProperty("statistic").GetDouble(), r.Statistic, $"case {index} statistic");
        Tolerance.Close(c.GetProperty("p").GetDouble(), r.PValue, $"case {index} p");
        Assert.Equal(method == WilcoxonMethod.Exact, r.Exact);
    }

    [Fact]
    public void WilcoxonSignedRank_AutoWithTies_UsesNormalApproximation()
    {
        var r = WilcoxonSignedRank.Test([1, 2, 3, 4, 5, 6], [0, 1, 2, 4, 4.5, 7]);

        Assert.False(r.Exact);
        Assert.Equal(5, r.Pairs);
        Assert.Throws<InvalidOperationException>(() => WilcoxonSignedRank.Test([1, 2], [1, 2]));
    }

    [Fact]
    public void WilcoxonSignedRank_AllPositiveSmallSample_HandComputedExactP()
    {
        // n = 5, W− = 0: only the all-positive sign pattern reaches it, so p = 2 · 1/32.
        var r = WilcoxonSignedRank.Test([1.1, 2.3, 3.2, 4.4, 5.9], [0, 0, 0, 0, 0]);

        Assert.True(r.Exact);
        Assert.Equal(0.0, r.Statistic);
        Assert.Equal(2.0 / 32.0, r.PValue, 15);
    }

    public static TheoryData<double[], double[]> HolmTable => new()
    {
        // Hand computed: sorted 0.01, 0.02, 0.03, 0.04 × (4, 3, 2, 1) = 0.04, 0.06, 0.06, 0.04 → monotone 0.04, 0.06, 0.06, 0.06.
        { new[] { 0.03, 0.01, 0.04, 0.02 }, new[] { 0.06, 0.04, 0.06, 0.06 } },
        { new[] { 0.5, 0.001 }, new[] { 0.5, 0.002 } },
        { new[] { 0.9, 0.8 }, new[] { 1.0, 1.0 } },
    };

    [Theory]
    [MemberData(nameof(HolmTable))]
    public void HolmCorrection_Adjust_HandComputed(double[] p, double[] expected)
    {
        double[] adjusted = HolmCorrection.Adjust(p);

        for (int i = 0; i < p.Length; i++)
        {
            Assert.Equal(expected[i], adjusted[i], 12);
        }
    }

    [Fact]
    public void IntraclassCorrelation_ShroutFleiss1979Table_MatchesPublished()
    {
        // Shrout & Fleiss (1979), Table 2: 6 targets × 4 judges; published ICC(2,1) = 0.29, ICC(3,1) = 0.71.
        var ratings = new double[,] { { 9, 2, 5, 8 }, { 6, 1, 3, 2 }, { 8, 4, 6, 8 }, { 7, 1, 2, 6 }, { 10, 5, 6, 9 }, { 6, 2, 4, 7 } };

        var icc = IntraclassCorrelation.Compute(ratings);

        Assert.Equal(0.29, icc.Icc21, 2);
        Assert.Equal(0.71, icc.Icc31, 2);
        // Unrounded values from their mean squares (BMS 11.24, JMS 32.49, EMS 1.02): 0.2898 and 0.7148.
        Assert.Equal(0.28976, icc.Icc21, 4);
        Assert.Equal(0.71484, icc.Icc31, 4);
    }

    public static TheoryData<int> BlandAltmanCases => new() { 0, 1 };

    [Theory]
    [MemberData(nameof(BlandAltmanCases))]
    public void BlandAltman_Compute_MatchesNumpy(int index)
    {
        var c = ReferenceData.Root.GetProperty("blandAltman")[index];

        var ba = BlandAltman.Compute(ReferenceData.Doubles(c.GetProperty("truth")), ReferenceData.Doubles(c.GetProperty("pred")));

        Tolerance.Close(c.GetProperty("bias").GetDouble(), ba.Bias, "bias");
        Tolerance.Close(c.GetProperty("sd").GetDouble(), ba.StandardDeviation, "sd");
        Tolerance.Close(c.GetProperty("lower").GetDouble(), ba.LowerLimit, "lower");
        Tolerance.Close(c.GetProperty("upper").GetDouble(), ba.UpperLimit, "upper");
    }

    [Fact]
    public void PowerLawFit_Fit_MatchesNumpyPolyfit()
    {
        var c = ReferenceData.Root.GetProperty("powerLaw")[0];

        var fit = PowerLawFit.Fit(ReferenceData.Doubles(c.GetProperty("n")), ReferenceData.Doubles(c.GetProperty("dice")));

        Tolerance.Close(c.GetProperty("a").GetDouble(), fit.A, "a");
        Tolerance.Close(c.GetProperty("b").GetDouble(), fit.B, "b");
        Assert.Equal(0.95, fit.PredictDice(fit.SizeForDice(0.95)!.Value), 12);
    }

    public static TheoryData<int> PercentileCases => new() { 0, 1, 2, 3, 4, 5 };

    [Theory]
    [MemberData(nameof(PercentileCases))]
    public void Descriptive_Percentile_MatchesNumpyLinear(int index)
    {
        var c = ReferenceData.Root.GetProperty("percentile")[index];

        double p = Descriptive.Percentile(ReferenceData.Doubles(c.GetProperty("values")), c.GetProperty("q").GetDouble());

        Tolerance.Close(c.GetProperty("expected").GetDouble(), p, $"q={c.GetProperty("q").GetDouble()}");
    }

    public static TheoryData<double, double> NormalTails => new()
    {
        // Values of the standard normal upper tail to 10 significant digits (Abramowitz & Stegun 26.2 tables).
        { 0.0, 0.5 },
        { 1.0, 0.1586552539 },
        { 1.959963985, 0.025 },
        { 3.0, 0.001349898032 },
        { 5.0, 2.866515719e-7 },
    };

    [Theory]
    [MemberData(nameof(NormalTails))]
    public void NormalDistribution_SurvivalFunction_TableValues(double z, double expected)
    {
        Tolerance.Close(expected, NormalDistribution.SurvivalFunction(z), $"sf({z})", 1e-8);
    }

    [Fact]
    public void Bootstrap_MeanInterval_SeededAndBracketingTheMean()
    {
        double[] values = Enumerable.Range(0, 40).Select(i => 0.8 + (0.005 * (i % 9))).ToArray();
        var seed = new SeedSource(42).Derive("bootstrap");

        var a = Bootstrap.MeanInterval(values, seed);
        var b = Bootstrap.MeanInterval(values, seed);
        var other = Bootstrap.MeanInterval(values, new SeedSource(43));

        Assert.Equal(a, b);
        Assert.NotEqual(a.Lower, other.Lower);
        Assert.True(a.Lower < a.Estimate && a.Estimate < a.Upper);
        // The standard error of the mean is SD/√n; a 95 % interval spans roughly ±1.96 SE.
        double se = Descriptive.StandardDeviation(values) / Math.Sqrt(values.Length);
        Assert.InRange(a.Upper - a.Lower, 2 * 1.96 * se * 0.8, 2 * 1.96 * se * 1.2);
    }
}
