using System.Globalization;
using MLSeg.Charts.Figures;
using MLSeg.TestKit;

namespace MLSeg.Charts.Tests;

public class FigureTests
{
    /// <summary>Expected JSON written with single quotes for readability.</summary>
    private static string J(string singleQuoted) => singleQuoted.Replace('\'', '"');

    [Fact]
    public void ToJson_LineWithNaN_MatchesHandWrittenJson()
    {
        var fig = Chart.Line(new[] { 1.0, 2.0, 4.0 }, new[] { 0.5, double.NaN, 0.875 }, name: "scratch", color: "#0072B2");

        Assert.Equal(
            J("{'data':[{'type':'scatter','name':'scratch','x':[1,2,4],'y':[0.5,null,0.875],'mode':'lines','line':{'color':'#0072B2'}}],'layout':{}}"),
            fig.ToJson());
    }

    [Fact]
    public void ToJson_LayoutWithLogAxisBandAndAnnotation_MatchesHandWrittenJson()
    {
        var fig = Chart.Scatter(new[] { 8.0, 16.0 }, new[] { 0.75, 0.9 })
            .WithTitle("Dice vs n")
            .WithXAxis(new Axis { Title = "n", Type = AxisType.Log, Range = (0.5, 1.5) })
            .WithYAxis(new Axis { Title = "Dice", TickFormat = ".2f" })
            .WithShape(Shape.HorizontalBand(0.85, 0.95, "rgba(0,0,0,0.2)"))
            .WithAnnotation(new Annotation("human", 0, 0.95) { XRef = "paper", ShowArrow = false });

        Assert.Equal(
            J("{'data':[{'type':'scatter','x':[8,16],'y':[0.75,0.9],'mode':'markers'}],'layout':{'title':{'text':'Dice vs n'},") +
            J("'xaxis':{'title':{'text':'n'},'type':'log','range':[0.5,1.5]},'yaxis':{'title':{'text':'Dice'},'tickformat':'.2f'},") +
            J("'annotations':[{'text':'human','x':0,'y':0.95,'xref':'paper','showarrow':false}],") +
            J("'shapes':[{'type':'rect','xref':'paper','yref':'y','x0':0,'y0':0.85,'x1':1,'y1':0.95,'fillcolor':'rgba(0,0,0,0.2)','layer':'below','line':{'width':0}}]}}"),
            fig.ToJson());
    }

    [Fact]
    public void ToJson_BoxHeatmapAndSubplots_MatchesHandWrittenJson()
    {
        var box = new BoxTrace(new[] { 0.8, 0.9 }, new[] { "a", "b" }) { Name = "box", BoxPoints = "all" };
        var heat = new HeatmapTrace([[1.0, double.PositiveInfinity]], new[] { "n=8", "n=16" }, new[] { "scratch" }) { ColorScale = "Viridis", TextTemplate = "%{z:.2f}" }.OnAxes(2, 2);
        var fig = new Figure([box, heat], new Layout { Grid = new SubplotGrid(1, 2), BoxMode = "group" });

        Assert.Equal(
            J("{'data':[{'type':'box','name':'box','x':['a','b'],'y':[0.8,0.9],'boxpoints':'all'},") +
            J("{'type':'heatmap','z':[[1,null]],'x':['n=8','n=16'],'y':['scratch'],'colorscale':'Viridis','texttemplate':'%{z:.2f}','xaxis':'x2','yaxis':'y2'}],") +
            J("'layout':{'grid':{'rows':1,'columns':2,'pattern':'independent'},'boxmode':'group'}}"),
            fig.ToJson());
    }

    [Fact]
    public void ToJson_CommaDecimalCulture_WritesInvariantNumbers()
    {
        var culture = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        culture.NumberFormat.NumberDecimalSeparator = ",";
        CultureInfo saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = culture;
            string json = Chart.Line(new[] { 1.5 }, new[] { 0.25 }).ToJson();
            Assert.Contains("\"x\":[1.5],\"y\":[0.25]", json, StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public void ToJson_HostileName_CannotCloseScriptElement()
    {
        string json = Chart.Line(new[] { 1.0 }, new[] { 1.0 }, name: "</script><script>alert(1)</script>").ToJson();

        Assert.DoesNotContain("<", json, StringComparison.Ordinal);
        Assert.Contains("\\u003C/script\\u003E", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Combine_TwoFigures_KeepsTracesInOrderAndFirstLayout()
    {
        var a = Chart.Line(new[] { 1.0 }, new[] { 1.0 }, name: "a").WithTitle("first").WithShape(Shape.HorizontalLine(1, new LineStyle()));
        var b = Chart.Line(new[] { 2.0 }, new[] { 2.0 }, name: "b").WithTitle("second").WithShape(Shape.HorizontalLine(2, new LineStyle()));

        var c = Chart.Combine(a, b);

        Assert.Equal(["a", "b"], c.Traces.Select(t => t.Name));
        Assert.Equal("first", c.Layout.Title);
        Assert.Equal([1.0, 2.0], c.Layout.Shapes.Select(s => s.Y0));
    }

    [Fact]
    public void ErrorBand_ThreePoints_IsClosedPolygonUpperThenLowerReversed()
    {
        var band = ErrorBand.Band([1, 2, 4], [0.1, 0.2, double.NaN], [0.3, 0.4, 0.5], "g", "red");

        Assert.Equal([1.0, 2.0, 2.0, 1.0], band.X.Numbers);
        Assert.Equal([0.3, 0.4, 0.2, 0.1], band.Y.Numbers);
        Assert.Equal(FillMode.ToSelf, band.Fill);
        Assert.False(band.ShowLegend);
    }

    [Fact]
    public void ScatterTrace_MismatchedLengths_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => new ScatterTrace(new[] { 1.0, 2.0 }, new[] { 1.0 }));
        Assert.Contains("2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Locate_NoPlotlyAnywhere_SaysRunMakeSetup()
    {
        string dir = RepoPaths.NewTempDir();
        try
        {
            var ex = Assert.Throws<FileNotFoundException>(() => PlotlyJs.Locate([dir]));
            Assert.Contains("make setup", ex.Message, StringComparison.Ordinal);
            Assert.Contains(dir, ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void SaveHtml_WithPinnedPlotly_EmbedsScriptAndFigure()
    {
        string dir = RepoPaths.NewTempDir();
        try
        {
            string path = Path.Combine(dir, "fig.html");
            Chart.Line(new[] { 1.0, 2.0 }, new[] { 3.0, 4.0 }, name: "<b>x</b>").WithTitle("A & B").SaveHtml(path);

            string html = File.ReadAllText(path);
            Assert.Contains("plotly.js v", html, StringComparison.Ordinal);
            Assert.Contains("<title>A &amp; B</title>", html, StringComparison.Ordinal);
            Assert.Contains("Plotly.newPlot(\"mlseg-figure\"", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<b>x</b>", html, StringComparison.Ordinal);
            Assert.Single(Directory.GetFiles(dir));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
