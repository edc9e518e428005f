using MLSeg.Charts.Data;
using MLSeg.Charts.Overlays;
using MLSeg.Charts.Plots;
using MLSeg.Core.Imaging;
using MLSeg.TestKit;

namespace MLSeg.Charts.Tests;

public class AnalysisTests
{
    // Student t(0.975, df) from published tables; tolerance 1e-3 (3-decimal tables); beyond df = 30 six-decimal values, tolerance 2e-4 (expansion).
    public static TheoryData<int, double, double> TQuantiles => new()
    {
        { 1, 12.706, 1e-3 }, { 4, 2.776, 1e-3 }, { 10, 2.228, 1e-3 }, { 40, 2.021075, 2e-4 }, { 60, 2.000298, 2e-4 }, { 120, 1.979930, 2e-4 },
    };

    [Theory]
    [MemberData(nameof(TQuantiles))]
    public void TQuantile975_TableValues_Match(int df, double expected, double tolerance) =>
        Assert.Equal(expected, Stats.TQuantile975(df), tolerance);

    [Fact]
    public void Aggregate_TwoFoldsTwoCases_MeanOfFoldMeansAndSdAcrossFolds()
    {
        ResultRow[] rows =
        [
            new("a", 8, 0, 1, "c1", 1, 0.80, 1, 1, 1), new("a", 8, 0, 1, "c2", 1, 0.90, 1, 1, 1),
            new("a", 8, 1, 1, "c1", 1, 0.60, 1, 1, 1), new("a", 8, 1, 1, "c2", 1, 0.70, 1, 1, 1),
            new("a", 8, 1, 1, "c2", 2, 0.10, 1, 1, 1),
        ];

        var p = Assert.Single(LearningCurves.Aggregate(rows, Metric.Dice, 1));

        // Fold means 0.85 and 0.65: mean 0.75, sample SD sqrt(0.02) = 0.141421, CI half-width 12.706 × 0.141421 / sqrt(2) = 1.2706.
        Assert.Equal(0.75, p.Mean, 1e-12);
        Assert.Equal(Math.Sqrt(0.02), p.StandardDeviation, 1e-12);
        Assert.Equal(1.2706, p.Ci95HalfWidth, 1e-9);
        Assert.Equal(2, p.Replicates);
    }

    [Fact]
    public void SmallestNReaching_DiceAndDistance_UseTheRightSideOfTheBand()
    {
        CurvePoint[] pts = [new("a", 4, 0.80, 0, 0, 2), new("a", 8, 0.89, 0, 0, 2), new("a", 16, 0.95, 0, 0, 2), new("b", 4, 0.5, 0, 0, 2)];
        var band = new HumanBand(0.88, 0.93);

        var reached = LearningCurves.SmallestNReaching(pts, band, Metric.Dice);

        Assert.Equal(8, reached["a"]);
        Assert.False(reached.ContainsKey("b"));
        Assert.True(new HumanBand(2, 3).IsReachedBy(2.5, Metric.Hd95));
        Assert.False(new HumanBand(2, 3).IsReachedBy(3.5, Metric.Hd95));
    }

    [Fact]
    public void Border_Square3x3In5x5_IsTheEightRingPixels()
    {
        var mask = new LabelMap(5, 5);
        for (int y = 1; y <= 3; y++)
        {
            for (int x = 1; x <= 3; x++)
            {
                mask[y, x] = 1;
            }
        }

        bool[] border = ContourOverlay.Border(mask, null);

        Assert.Equal(8, border.Count(b => b));
        Assert.False(border[(2 * 5) + 2]);
        Assert.True(border[(1 * 5) + 1]);
    }

    [Fact]
    public void Render_WindowAndContour_GreyInsideColourOnBorder()
    {
        var image = new Image2D(1, 5, 5, [.. Enumerable.Repeat(40f, 25)]);
        var mask = new LabelMap(5, 5);
        for (int y = 1; y <= 3; y++)
        {
            for (int x = 1; x <= 3; x++)
            {
                mask[y, x] = 1;
            }
        }

        // Window centre 40, width 400: 40 HU maps to (40 − (−160)) / 400 = 0.5.
        var rgb = ContourOverlay.Render(image, 40, 400, [new OverlayLayer(mask, 1f, 0f, 0f)]);

        Assert.Equal(3, rgb.Channels);
        Assert.Equal(0.5f, rgb[1, 2, 2], 1e-6f);
        Assert.Equal((1f, 0f, 0f), (rgb[0, 1, 1], rgb[1, 1, 1], rgb[2, 1, 1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => ContourOverlay.Render(image, 40, 0, []));
    }

    [Fact]
    public void ResultsCsv_BadNumber_NamesFileLineAndColumn()
    {
        string dir = RepoPaths.NewTempDir();
        try
        {
            string path = Path.Combine(dir, "results.csv");
            File.WriteAllText(path, "source,n,fold,seed,case,label,dice,hd95,assd,rmsDta\nnone,8,0,1,c1,1,0.9,nan,,1.5\nnone,8,0,1,c2,1,zero,1,1,1\n");

            var ex = Assert.Throws<ReportDataException>(() => ResultsCsv.Read(path));

            Assert.Contains("line 3", ex.Message, StringComparison.Ordinal);
            Assert.Contains("'dice'", ex.Message, StringComparison.Ordinal);
            Assert.Contains("zero", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void TrainLogCsv_MissingColumn_ListsIt()
    {
        string dir = RepoPaths.NewTempDir();
        try
        {
            string path = Path.Combine(dir, "train_log.csv");
            File.WriteAllText(path, "epoch,train_loss,val_loss,lr,seconds\n1,0.5,0.6,0.001,3\n");

            var ex = Assert.Throws<ReportDataException>(() => TrainLogCsv.Read(path));

            Assert.Contains("val_dice", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void PairedComparison_MatchedPairs_MeanDifferenceAndWins()
    {
        ResultRow[] rows =
        [
            new("none", 8, 0, 1, "c1", 1, 0.70, 1, 1, 1), new("none", 8, 0, 1, "c2", 1, 0.80, 1, 1, 1),
            new("img", 8, 0, 1, "c1", 1, 0.75, 1, 1, 1), new("img", 8, 0, 1, "c2", 1, 0.78, 1, 1, 1),
        ];

        var r = Assert.Single(PairedComparison.Compute(rows, Metric.Dice, 1, "none"));

        Assert.Equal(2, r.Pairs);
        Assert.Equal(0.015, r.MeanDifference, 1e-12);
        Assert.Equal(1, r.CandidateBetter);
        Assert.Throws<ArgumentException>(() => PairedComparison.Compute(rows, Metric.Dice, 1, "missing"));
    }
}
