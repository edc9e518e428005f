using MLSeg.Core.Imaging;
using MLSeg.Core.Randomness;
using MLSeg.Evaluation.Statistics;
using MLSeg.Evaluation.Studies;

namespace MLSeg.Evaluation.Tests;

public class StudiesTests
{
    private static LabelMap Map(params byte[] labels) => new(1, labels.Length, labels);

    [Fact]
    public void MajorityVote_ThreeObservers_StrictMajorityElseBackground()
    {
        var consensus = MajorityVote.Consensus([Map(1, 1, 2, 0, 1), Map(1, 2, 2, 1, 2), Map(0, 1, 1, 1, 0)]);

        // Pixel 4 has votes 1, 2, 0: no strict majority → background.
        Assert.Equal(new byte[] { 1, 1, 2, 1, 0 }, consensus.Labels);
    }

    [Fact]
    public void InterObserverAnalysis_Run_PairsConsensusModelAndBand()
    {
        var cases = new[]
        {
            new ObserverCase("img1", new Dictionary<string, LabelMap> { ["A"] = Map(1, 1, 1, 1, 0, 0), ["B"] = Map(1, 1, 1, 0, 0, 0), ["C"] = Map(0, 1, 1, 1, 1, 0) }, Map(1, 1, 1, 1, 1, 0)),
        };

        var study = InterObserverAnalysis.Run(cases);

        Assert.Equal(["A~B", "A~C", "B~C"], study.ObserverPairs.Keys.Order(StringComparer.Ordinal));
        // A~B: 2·3/(4+3); A~C: 2·3/(4+4); B~C: 2·2/(3+4).
        Assert.Equal(6.0 / 7.0, study.ObserverPairs["A~B"].Aggregate("dice", 1).Mean!.Value, 12);
        var band = study.Band("dice", 1);
        Assert.Equal(4.0 / 7.0, band.Lower, 12);
        Assert.Equal(6.0 / 7.0, band.Upper, 12);
        // Consensus = 1 1 1 1 0 0 (pixel 0: A, B → 1; pixel 3: A, C → 1; pixel 4: only C → 0), equal to A.
        Assert.Equal(1.0, study.ObserverVsConsensus["A"].Aggregate("dice", 1).Mean!.Value, 12);
        Assert.Equal(6.0 / 7.0, study.ObserverVsConsensus["B"].Aggregate("dice", 1).Mean!.Value, 12);
        Assert.Equal(8.0 / 9.0, study.ModelVsObserver["A"].Aggregate("dice", 1).Mean!.Value, 12);
    }

    [Fact]
    public void InterObserverAnalysis_DifferentObserverSets_Throws()
    {
        var cases = new[]
        {
            new ObserverCase("i1", new Dictionary<string, LabelMap> { ["A"] = Map(1), ["B"] = Map(1) }),
            new ObserverCase("i2", new Dictionary<string, LabelMap> { ["A"] = Map(1), ["C"] = Map(1) }),
        };

        var ex = Assert.Throws<EvaluationException>(() => InterObserverAnalysis.Run(cases));
        Assert.Contains("i2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DataEfficiency_Compare_DifferentPatients_Throws()
    {
        var a = new Dictionary<string, double> { ["p1"] = 0.8, ["p2"] = 0.7 };
        var b = new Dictionary<string, double> { ["p1"] = 0.8, ["p3"] = 0.7 };

        var ex = Assert.Throws<EvaluationException>(() => DataEfficiency.Compare(a, b));
        Assert.Contains("p2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DataEfficiency_Compare_PairsByPatientId()
    {
        var a = Enumerable.Range(0, 6).ToDictionary(i => $"p{i}", i => 0.80 + (0.01 * i));
        var b = Enumerable.Range(0, 6).Reverse().ToDictionary(i => $"p{i}", i => 0.70 + (0.011 * i));

        var r = DataEfficiency.Compare(a, b);

        // Every difference is positive: W− = 0, exact two-sided p = 2/2^6.
        Assert.Equal(0.0, r.Statistic);
        Assert.Equal(2.0 / 64.0, r.PValue, 15);
    }

    [Fact]
    public void DataEfficiency_CurveAgainstBand_SmallestSizeAndExtrapolation()
    {
        var band = new HumanBand(0.90, 0.93);
        var seed = new SeedSource(7);
        var points = new List<LearningCurvePoint>();
        foreach (int n in new[] { 5, 10, 20, 40 })
        {
            double mean = 1 - (0.5 * Math.Pow(n, -0.5));
            var patients = Enumerable.Range(0, 30).ToDictionary(i => $"p{i:D2}", i => mean + (0.002 * ((i % 5) - 2)));
            points.Add(DataEfficiency.Summarise(n, [mean - 0.001, mean + 0.001], patients, seed, 500));
        }

        // Means: n=5 0.776, n=10 0.842, n=20 0.888, n=40 0.921 → only n=40 has its CI above 0.90.
        Assert.Equal(40, DataEfficiency.SmallestSizeReaching(points, band));
        Assert.Null(DataEfficiency.SmallestSizeReaching(points, new HumanBand(0.95, 0.97)));
        // Exact power-law means: reaching 0.95 needs (0.5/0.05)² = 100.
        Assert.Equal(100.0, DataEfficiency.ExtrapolateSize(points, new HumanBand(0.95, 0.97))!.Value, 6);
        Assert.Equal(0.001 * Math.Sqrt(2), points[0].FoldSd, 12);
    }
}
