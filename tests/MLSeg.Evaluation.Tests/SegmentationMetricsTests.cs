using System.Text.Json;
using MLSeg.Core.Imaging;
using MLSeg.Evaluation.Distances;
using MLSeg.Evaluation.Metrics;

namespace MLSeg.Evaluation.Tests;

public class SegmentationMetricsTests
{
    public static TheoryData<string> Cases => ReferenceData.MaskCaseNames();

    [Theory]
    [MemberData(nameof(Cases))]
    public void Compute_GeneratedPair_MatchesScipyReference(string name)
    {
        var c = ReferenceData.MaskCase(name);
        int h = c.GetProperty("height").GetInt32();
        int w = c.GetProperty("width").GetInt32();
        var spacing = ReferenceData.Spacing(c);
        var truth = ReferenceData.Decode(c.GetProperty("truth"), h, w, spacing);
        var pred = ReferenceData.Decode(c.GetProperty("pred"), h, w, PixelSpacing.Unit);
        int[] labels = c.GetProperty("labels").EnumerateArray().Select(e => e.GetInt32()).ToArray();

        var result = SegmentationMetrics.Compute(truth, pred, new MetricOptions { Labels = labels });

        Assert.Equal(labels, result.Labels.Keys);
        foreach (var (label, entry) in c.GetProperty("expected").EnumerateObject().Select(p => (int.Parse(p.Name, System.Globalization.CultureInfo.InvariantCulture), p.Value)))
        {
            AssertClose(ReferenceData.Expected(entry), result[label], $"{name} label {label}");
        }
    }

    [Fact]
    public void Compute_Ring512_MatchesScipyReference()
    {
        var c = ReferenceData.Root.GetProperty("ring");
        var spacing = ReferenceData.Spacing(c);
        int[] t = c.GetProperty("truth").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        int[] p = c.GetProperty("pred").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        var truth = ReferenceData.Ring(512, t[0], t[1], t[2], t[3], spacing);
        var pred = ReferenceData.Ring(512, p[0], p[1], p[2], p[3], spacing);

        var result = SegmentationMetrics.Compute(truth, pred);

        AssertClose(ReferenceData.Expected(c.GetProperty("expected").GetProperty("1")), result[1], "ring 512");
    }

    public static TheoryData<SurfaceDistanceStrategy> Strategies => new()
    {
        SurfaceDistanceStrategy.FullTransform,
        SurfaceDistanceStrategy.PrunedQueries,
    };

    [Theory]
    [MemberData(nameof(Strategies))]
    public void SurfaceDistanceCalculator_EachStrategy_MatchesScipyOnEveryCase(SurfaceDistanceStrategy strategy)
    {
        var calculator = new SurfaceDistanceCalculator(strategy);
        foreach (var c in ReferenceData.Root.GetProperty("masks").EnumerateArray())
        {
            int h = c.GetProperty("height").GetInt32();
            int w = c.GetProperty("width").GetInt32();
            var spacing = ReferenceData.Spacing(c);
            var truth = ReferenceData.Decode(c.GetProperty("truth"), h, w, spacing);
            var pred = ReferenceData.Decode(c.GetProperty("pred"), h, w, spacing);
            foreach (var p in c.GetProperty("expected").EnumerateObject())
            {
                byte label = byte.Parse(p.Name, System.Globalization.CultureInfo.InvariantCulture);
                var expected = ReferenceData.Expected(p.Value);
                var d = calculator.Compute(truth.Labels, label, pred.Labels, label, h, w, spacing.RowMm, spacing.ColumnMm);
                string what = $"{c.GetProperty("name").GetString()} label {label} ({strategy})";
                Tolerance.Close(expected.Hd, d?.Hd, what + " hd");
                Tolerance.Close(expected.Hd95, d?.Hd95, what + " hd95");
                Tolerance.Close(expected.Assd, d?.Assd, what + " assd");
                Tolerance.Close(expected.RmsDta, d?.RmsDta, what + " rmsDta");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Strategies))]
    public void SurfaceDistanceCalculator_Ring512EachStrategy_MatchesScipy(SurfaceDistanceStrategy strategy)
    {
        var c = ReferenceData.Root.GetProperty("ring");
        var spacing = ReferenceData.Spacing(c);
        int[] t = c.GetProperty("truth").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        int[] p = c.GetProperty("pred").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        var truth = ReferenceData.Ring(512, t[0], t[1], t[2], t[3], spacing);
        var pred = ReferenceData.Ring(512, p[0], p[1], p[2], p[3], spacing);
        var expected = ReferenceData.Expected(c.GetProperty("expected").GetProperty("1"));

        var d = new SurfaceDistanceCalculator(strategy).Compute(truth.Labels, 1, pred.Labels, 1, 512, 512, spacing.RowMm, spacing.ColumnMm);

        Tolerance.Close(expected.Hd95, d?.Hd95, $"ring hd95 ({strategy})");
        Tolerance.Close(expected.Assd, d?.Assd, $"ring assd ({strategy})");
        Tolerance.Close(expected.RmsDta, d?.RmsDta, $"ring rmsDta ({strategy})");
        Tolerance.Close(expected.Hd, d?.Hd, $"ring hd ({strategy})");
    }

    [Fact]
    public void Compute_ConflictingSpacing_ThrowsNamingBoth()
    {
        var truth = new LabelMap(2, 2, [1, 0, 0, 0], new PixelSpacing(0.5, 0.5));
        var pred = new LabelMap(2, 2, [1, 0, 0, 0], new PixelSpacing(0.7, 0.7));

        var ex = Assert.Throws<EvaluationException>(() => SegmentationMetrics.Compute(truth, pred));

        Assert.Contains("0.5x0.5 mm", ex.Message, StringComparison.Ordinal);
        Assert.Contains("0.7x0.7 mm", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1.0, SegmentationMetrics.Compute(truth, pred, new MetricOptions { SpacingMm = new PixelSpacing(0.5, 0.5) })[1].Dice);
    }

    [Fact]
    public void Compute_SizesDiffer_ThrowsNamingBothSizes()
    {
        var ex = Assert.Throws<EvaluationException>(() => SegmentationMetrics.Compute(new LabelMap(4, 5), new LabelMap(5, 4)));
        Assert.Contains("4x5", ex.Message, StringComparison.Ordinal);
        Assert.Contains("5x4", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_BothEmptyUnderMissingRule_DiceIsNull()
    {
        var map = new LabelMap(3, 3);
        map[1, 1] = 1;

        var one = SegmentationMetrics.Compute(map, map.Clone(), new MetricOptions { Labels = [2] });
        var missing = SegmentationMetrics.Compute(map, map.Clone(), new MetricOptions { Labels = [2], BothEmptyDice = BothEmptyDice.Missing });

        Assert.Equal(1.0, one[2].Dice);
        Assert.Null(missing[2].Dice);
        Assert.Null(missing[2].Hd95);
    }

    [Fact]
    public void Compute_DefaultLabels_ReportsLabelsPresentInEither()
    {
        var truth = new LabelMap(2, 3, [0, 1, 1, 0, 0, 0]);
        var pred = new LabelMap(2, 3, [0, 1, 0, 0, 0, 4]);

        var result = SegmentationMetrics.Compute(truth, pred);

        Assert.Equal([1, 4], result.Labels.Keys);
        Assert.Equal(2.0 / 3.0, result[1].Dice!.Value, 12);
        Assert.Equal(0.0, result[4].Dice);
        Assert.Null(result[4].Hd);
    }

    [Fact]
    public void ToJson_MissingDistances_SerialisesNullsUnderLabelKeys()
    {
        var truth = new LabelMap(1, 4, [1, 1, 2, 0]);
        var pred = new LabelMap(1, 4, [1, 0, 0, 0]);

        using var doc = JsonDocument.Parse(SegmentationMetrics.Compute(truth, pred).ToJson());

        var one = doc.RootElement.GetProperty("1");
        Assert.Equal(2.0 / 3.0, one.GetProperty("dice").GetDouble(), 12);
        Assert.Equal(1.0, one.GetProperty("hd").GetDouble(), 12);
        var two = doc.RootElement.GetProperty("2");
        Assert.Equal(0.0, two.GetProperty("dice").GetDouble());
        foreach (string n in new[] { "hd", "hd95", "assd", "rmsDta" })
        {
            Assert.Equal(JsonValueKind.Null, two.GetProperty(n).ValueKind);
        }
    }

    private static void AssertClose(LabelMetrics expected, LabelMetrics actual, string what)
    {
        foreach (string n in LabelMetrics.Names)
        {
            Tolerance.Close(expected.Get(n), actual.Get(n), $"{what} {n}");
        }
    }
}
