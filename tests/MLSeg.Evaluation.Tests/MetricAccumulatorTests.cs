using System.Text.Json;
using MLSeg.Evaluation.Aggregation;
using MLSeg.Evaluation.Metrics;
using MLSeg.TestKit;

namespace MLSeg.Evaluation.Tests;

public class MetricAccumulatorTests
{
    private static SegmentationResult Result(double? dice1, double? hd1, double? dice2) => new(new Dictionary<int, LabelMetrics>
    {
        [1] = new(dice1, hd1, hd1, hd1, hd1),
        [2] = new(dice2, null, null, null, null),
    });

    private static MetricAccumulator ThreeCases()
    {
        var acc = new MetricAccumulator();
        acc.Append("a", Result(0.8, 2.0, 0.5));
        acc.Append("b", Result(0.9, null, 0.7));
        acc.Append("c", Result(0.7, 4.0, null));
        return acc;
    }

    [Fact]
    public void Aggregate_WithMissing_CountsMissingAndUsesPresentValues()
    {
        var acc = ThreeCases();

        var hd = acc.Aggregate("hd", 1);
        var dice = acc.Aggregate("dice", 1);

        Assert.Equal(new MetricAggregate(2, 1, 3.0, 3.0, Math.Sqrt(2.0)), hd);
        Assert.Equal(3, dice.Count);
        Assert.Equal(0.8, dice.Mean!.Value, 12);
        Assert.Equal(0.8, dice.Median!.Value, 12);
        Assert.Equal(0.1, dice.StandardDeviation!.Value, 12);
        Assert.Equal(new MetricAggregate(0, 3, null, null, null), acc.Aggregate("hd", 2));
    }

    [Fact]
    public void PerCaseAndForegroundMean_HandComputed()
    {
        var acc = ThreeCases();

        var perCase = acc.PerCase("dice");

        Assert.Equal(0.65, perCase[0].Value!.Value, 12);
        Assert.Equal(0.8, perCase[1].Value!.Value, 12);
        Assert.Equal(0.7, perCase[2].Value!.Value, 12);
        Assert.Equal((0.8 + 0.6) / 2, acc.ForegroundMean("dice")!.Value, 12);
        Assert.Equal(3.0, acc.ForegroundMean("assd"));
        Assert.Null(acc.PerClass("assd")[2].Mean);
    }

    [Fact]
    public void Append_DuplicateCase_Throws_AndResetClears()
    {
        var acc = ThreeCases();

        Assert.Throws<ArgumentException>(() => acc.Append("a", Result(1, 1, 1)));
        acc.Reset();
        Assert.Empty(acc.Cases);
        acc.Append("a", Result(1, 1, 1));
        Assert.Single(acc.Cases);
    }

    [Fact]
    public void SummaryJson_Write_NnUNetShapeWithMissingCounts_NoTempLeft()
    {
        string dir = RepoPaths.NewTempDir();
        try
        {
            string path = Path.Combine(dir, "validation", "summary.json");

            SummaryJsonWriter.Write(ThreeCases(), path);

            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            var root = doc.RootElement;
            Assert.Equal(3, root.GetProperty("metric_per_case").GetArrayLength());
            Assert.Equal("b", root.GetProperty("metric_per_case")[1].GetProperty("case").GetString());
            Assert.Equal(JsonValueKind.Null, root.GetProperty("metric_per_case")[1].GetProperty("metrics").GetProperty("1").GetProperty("hd").ValueKind);
            Assert.Equal(0.8, root.GetProperty("mean").GetProperty("1").GetProperty("dice").GetDouble(), 12);
            Assert.Equal(1, root.GetProperty("missing").GetProperty("1").GetProperty("hd").GetInt32());
            Assert.Equal(JsonValueKind.Null, root.GetProperty("mean").GetProperty("2").GetProperty("hd").ValueKind);
            Assert.Equal(0.7, root.GetProperty("foreground_mean").GetProperty("dice").GetDouble(), 12);
            Assert.Single(Directory.GetFiles(Path.GetDirectoryName(path)!));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
