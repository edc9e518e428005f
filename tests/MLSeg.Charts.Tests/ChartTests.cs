using System.Text.Json;
using MLSeg.Charts.Data;
using MLSeg.Charts.Html;
using MLSeg.Charts.Overlays;
using MLSeg.Charts.Plots;
using MLSeg.Core.Imaging;
using Plotly.NET;
using Plotly.NET.CSharp;

namespace MLSeg.Charts.Tests;

public class ChartTests
{
    // Source a: fold means 0.70/0.80 at n=4 and 0.85/0.95 at n=8; source b: 0.50/0.60 at n=4 only.
    private static readonly ResultRow[] Rows =
    [
        new("a", 4, 0, 1, "c1", 1, 0.70, 3, 1, 1), new("a", 4, 1, 1, "c1", 1, 0.80, 2, 1, 1),
        new("a", 8, 0, 1, "c1", 1, 0.85, 1, 1, 1), new("a", 8, 1, 1, "c1", 1, 0.95, double.NaN, 1, 1),
        new("b", 4, 0, 1, "c1", 1, 0.50, 4, 1, 1), new("b", 4, 1, 1, "c1", 1, 0.60, 5, 1, 1),
    ];

    private static JsonElement Json(GenericChart chart) => JsonDocument.Parse(ChartHtml.FigureJson(chart)).RootElement;

    private static double[] Numbers(JsonElement array) => [.. array.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? double.NaN : v.GetDouble())];

    private static JsonElement[] Traces(JsonElement figure, string name) =>
        [.. figure.GetProperty("data").EnumerateArray().Where(t => t.TryGetProperty("name", out var n) && n.GetString() == name)];

    [Fact]
    public void LearningCurve_SdBand_IsRangeFilledToLowerEdgeAroundTheMeanOnALogAxis()
    {
        var fig = Json(LearningCurves.Create(Rows, new LearningCurveOptions { Label = 1 }));

        // a: means 0.75 and 0.90, sample SD of two fold means = |difference| / √2 = 0.0707107.
        double sd = 0.1 / Math.Sqrt(2);
        var mean = Assert.Single(Traces(fig, "a"));
        Assert.Equal([4.0, 8.0], Numbers(mean.GetProperty("x")));
        Assert.Equal([0.75, 0.90], Numbers(mean.GetProperty("y")), new Tolerance(1e-12));
        var upper = Assert.Single(Traces(fig, "a upper"));
        var lower = Assert.Single(Traces(fig, "a lower"));
        Assert.Equal("tonexty", upper.GetProperty("fill").GetString());
        Assert.Equal([0.75 + sd, 0.90 + sd], Numbers(upper.GetProperty("y")), new Tolerance(1e-12));
        Assert.Equal([0.75 - sd, 0.90 - sd], Numbers(lower.GetProperty("y")), new Tolerance(1e-12));
        Assert.False(upper.GetProperty("showlegend").GetBoolean());
        Assert.Equal("a", upper.GetProperty("legendgroup").GetString());
        var xaxis = fig.GetProperty("layout").GetProperty("xaxis");
        Assert.Equal("log", xaxis.GetProperty("type").GetString());
        Assert.Equal([4.0, 8.0], Numbers(xaxis.GetProperty("tickvals")));
        Assert.False(fig.GetProperty("layout").TryGetProperty("shapes", out _));
    }

    [Fact]
    public void LearningCurve_HumanBand_RectangleAndStarAtSmallestNReachingIt()
    {
        var fig = Json(LearningCurves.Create(Rows, new LearningCurveOptions { Label = 1, HumanBand = new HumanBand(0.88, 0.93) }));

        var shape = Assert.Single(fig.GetProperty("layout").GetProperty("shapes").EnumerateArray());
        Assert.Equal("rect", shape.GetProperty("type").GetString());
        Assert.Equal("paper", shape.GetProperty("xref").GetString());
        Assert.Equal((0.88, 0.93), (shape.GetProperty("y0").GetDouble(), shape.GetProperty("y1").GetDouble()));
        var star = Assert.Single(Traces(fig, "a: reaches human range at n=8"));
        Assert.Equal("star", star.GetProperty("marker").GetProperty("symbol").GetString());
        Assert.Equal([8.0], Numbers(star.GetProperty("x")));
        Assert.Equal(0.90, Numbers(star.GetProperty("y"))[0], 12);
        Assert.DoesNotContain(fig.GetProperty("data").EnumerateArray(), t => t.GetProperty("name").GetString()!.StartsWith("b:", StringComparison.Ordinal));
    }

    [Fact]
    public void LearningCurve_AllValuesUndefined_ThrowsSayingSo()
    {
        ResultRow[] empty = [new("a", 4, 0, 1, "c1", 1, 0, double.NaN, double.NaN, double.NaN)];

        var ex = Assert.Throws<ArgumentException>(() => LearningCurves.Create(empty, new LearningCurveOptions { Metric = Metric.Hd95, Label = 1 }));

        Assert.Contains("No finite HD95", ex.Message, StringComparison.Ordinal);
        Assert.False(LearningCurves.HasFiniteValues(empty, Metric.Hd95, 1));
        Assert.True(LearningCurves.HasFiniteValues(empty, Metric.Dice, 1));
    }

    [Fact]
    public void Charts_BuiltTwice_AreIndependent()
    {
        // Plotly.NET's with-functions change the chart they are given; each builder must start from fresh objects.
        string first = ChartHtml.FigureJson(LearningCurves.Create(Rows, new LearningCurveOptions { Label = 1, HumanBand = new HumanBand(0.88, 0.93) }));
        _ = LearningCurves.Create(Rows, new LearningCurveOptions { Label = 1, Band = BandKind.Ci95 });
        _ = ResultCharts.StrategyHeatmap(Rows, Metric.Dice, 1);

        Assert.Equal(first, ChartHtml.FigureJson(LearningCurves.Create(Rows, new LearningCurveOptions { Label = 1, HumanBand = new HumanBand(0.88, 0.93) })));
    }

    [Fact]
    public void LearningCurve_RestyledWithPlotlyNet_KeepsItsTicksAndTakesTheNewTitle()
    {
        var chart = LearningCurves.Create(Rows, new LearningCurveOptions { Label = 1 })
            .WithXAxisStyle<double, double, string>(TitleText: "cases", ShowGrid: false)
            .WithSize(Width: 640, Height: 400);

        var layout = Json(chart).GetProperty("layout");
        Assert.Equal("cases", layout.GetProperty("xaxis").GetProperty("title").GetProperty("text").GetString());
        Assert.False(layout.GetProperty("xaxis").GetProperty("showgrid").GetBoolean());
        Assert.Equal([4.0, 8.0], Numbers(layout.GetProperty("xaxis").GetProperty("tickvals")));
        Assert.Equal(640, layout.GetProperty("width").GetInt32());
    }

    [Fact]
    public void FigureJson_HostileNames_CannotCloseTheScriptAndRoundTrip()
    {
        const string hostile = "</script><img src=x onerror=alert(1)>";
        ResultRow[] rows = [new(hostile, 4, 0, 1, "c", 1, 0.5, 1, 1, 1), new(hostile, 8, 0, 1, "c", 1, 0.6, 1, 1, 1)];

        string json = ChartHtml.FigureJson(LearningCurves.Create(rows, new LearningCurveOptions { Label = 1, Title = hostile }));

        Assert.DoesNotContain("<", json, StringComparison.Ordinal);
        Assert.DoesNotContain(">", json, StringComparison.Ordinal);

        // plotly.js renders a subset of HTML in names, so the name is entity-encoded (shown literally), and % is neutralised.
        var fig = JsonDocument.Parse(json).RootElement;
        Assert.Single(Traces(fig, "&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;"));
        Assert.Equal("&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;", fig.GetProperty("layout").GetProperty("title").GetProperty("text").GetString());
    }

    [Fact]
    public void Div_BadId_Throws()
    {
        var chart = ResultCharts.StrategyHeatmap(Rows, Metric.Dice, 1);
        Assert.Throws<ArgumentException>(() => ChartHtml.Div(chart, "a\"><script>"));
    }

    [Fact]
    public void StrategyHeatmap_MissingCell_IsNullGap_AndYAxisWidensItsMargin()
    {
        var fig = Json(ResultCharts.StrategyHeatmap(Rows, Metric.Dice, 1));

        var heat = fig.GetProperty("data")[0];
        Assert.Equal("heatmap", heat.GetProperty("type").GetString());
        Assert.Equal(["a", "b"], heat.GetProperty("y").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal([0.75, 0.90], Numbers(heat.GetProperty("z")[0]), new Tolerance(1e-12));
        Assert.Equal(JsonValueKind.Null, heat.GetProperty("z")[1][1].ValueKind); // b was not run at n=8
        Assert.True(fig.GetProperty("layout").GetProperty("yaxis").GetProperty("automargin").GetBoolean());
    }

    [Fact]
    public void Distributions_UndefinedValues_LeftOut()
    {
        var fig = Json(ResultCharts.Distributions(Rows, Metric.Hd95, 1, DistributionKind.Violin));

        var a = Assert.Single(Traces(fig, "a"));
        Assert.Equal("violin", a.GetProperty("type").GetString());
        Assert.Equal([3.0, 2.0, 1.0], Numbers(a.GetProperty("y")));
        Assert.Equal(["4", "4", "8"], a.GetProperty("x").EnumerateArray().Select(v => v.GetString()));
    }

    [Fact]
    public void TrainingCurves_NoValidation_NoValidationSeriesAndThePanelSaysWhy()
    {
        TrainLogRow[] log = [new(1, 0.9, double.NaN, double.NaN, 1e-3, 2), new(2, 0.5, double.NaN, double.NaN, 1e-3, 2)];

        var fig = Json(TrainingCurves.Create(new Dictionary<string, IReadOnlyList<TrainLogRow>> { ["arm"] = log }));

        Assert.Equal(["arm train loss"], fig.GetProperty("data").EnumerateArray().Where(t => !t.TryGetProperty("showlegend", out var s) || s.GetBoolean()).Select(t => t.GetProperty("name").GetString()));
        var placeholder = Assert.Single(Traces(fig, "no data"));
        Assert.Equal(("x2", "y2", 0), (placeholder.GetProperty("xaxis").GetString(), placeholder.GetProperty("yaxis").GetString(), placeholder.GetProperty("x").GetArrayLength()));
        var note = Assert.Single(fig.GetProperty("layout").GetProperty("annotations").EnumerateArray());
        Assert.Equal("x2 domain", note.GetProperty("xref").GetString());
        Assert.StartsWith("No validation Dice", note.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal([0.56, 1.0], Numbers(fig.GetProperty("layout").GetProperty("xaxis2").GetProperty("domain")));
    }

    [Fact]
    public void TrainingCurves_WithValidation_DiceOnTheSecondPanel()
    {
        TrainLogRow[] log = [new(1, 0.9, 1.0, 0.4, 1e-3, 2), new(2, 0.5, 0.7, 0.6, 1e-3, 2)];

        var fig = Json(TrainingCurves.Create(new Dictionary<string, IReadOnlyList<TrainLogRow>> { ["arm"] = log }));

        var dice = Assert.Single(Traces(fig, "arm val Dice"));
        Assert.Equal(("x2", "y2"), (dice.GetProperty("xaxis").GetString(), dice.GetProperty("yaxis").GetString()));
        Assert.Equal([0.4, 0.6], Numbers(dice.GetProperty("y")));
        Assert.False(fig.GetProperty("layout").TryGetProperty("annotations", out _));
    }

    [Fact]
    public void PairedComparisonChart_ErrorBarsAreTheCiAroundTheMeanDifference()
    {
        PairedComparisonRow[] rows = [new(4, "none", "img", 3, 0.02, -0.01, 0.06, 2), new(8, "none", "img", 1, 0.05, double.NaN, double.NaN, 1)];

        var fig = Json(PairedComparison.Create(rows, Metric.Dice));

        var img = Assert.Single(Traces(fig, "img"));
        var err = img.GetProperty("error_y");
        Assert.False(err.GetProperty("symmetric").GetBoolean());
        Assert.Equal([0.04, double.NaN], Numbers(err.GetProperty("array")), new Tolerance(1e-12));
        Assert.Equal([0.03, double.NaN], Numbers(err.GetProperty("arrayminus")), new Tolerance(1e-12));
        Assert.Equal(0, fig.GetProperty("layout").GetProperty("shapes")[0].GetProperty("y0").GetDouble());
    }

    [Fact]
    public void ContourOverlayChart_WindowedGreyAndContourLineWidthSetDirectly()
    {
        var image = new Image2D(1, 3, 3, [-160f, 40f, 240f, 40f, 40f, 40f, 40f, 40f, 40f]);
        var mask = new LabelMap(3, 3);
        mask[1, 1] = 1;

        var fig = Json(ContourOverlay.Chart(image, 40, 400, [new OverlayLayer(mask, 0f, 1f, 0f) { Name = "reference" }], lineWidth: 3));

        var grey = fig.GetProperty("data")[0];
        Assert.Equal([0.0, 0.5, 1.0], Numbers(grey.GetProperty("z")[0]));
        var contour = Assert.Single(Traces(fig, "reference"));
        Assert.Equal("contour", contour.GetProperty("type").GetString());

        // Plotly.NET 6.0 writes ContourLinesWidth as 0 (an invisible line); the chart sets the width itself.
        Assert.Equal(3, contour.GetProperty("line").GetProperty("width").GetDouble());
        Assert.Equal("rgb(0,255,0)", contour.GetProperty("line").GetProperty("color").GetString());
        Assert.Equal(0.5, contour.GetProperty("contours").GetProperty("start").GetDouble());
        Assert.Equal([0.0, 1.0, 0.0], Numbers(contour.GetProperty("z")[1]));
        Assert.Equal("reversed", fig.GetProperty("layout").GetProperty("yaxis").GetProperty("autorange").GetString());
    }

    private sealed class Tolerance(double epsilon) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => (double.IsNaN(x) && double.IsNaN(y)) || Math.Abs(x - y) <= epsilon;

        public int GetHashCode(double obj) => 0;
    }
}
