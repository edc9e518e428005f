using MLSeg.Core.IO;
using System.Text.Json;

namespace MLSeg.Charts.Figures;

/// <summary>
/// An immutable plotly.js figure: traces plus layout. <c>With…</c> methods return a new figure.
/// <see cref="ToJson"/> is deterministic (fixed property order, invariant numbers, NaN/±∞ as <c>null</c>).
/// </summary>
public sealed record Figure
{
    /// <summary>Creates a figure from traces and an optional layout.</summary>
    public Figure(IEnumerable<Trace> traces, Layout? layout = null)
    {
        ArgumentNullException.ThrowIfNull(traces);
        Traces = [.. traces];
        Layout = layout ?? new Layout();
    }

    /// <summary>The traces, drawn in order.</summary>
    public IReadOnlyList<Trace> Traces { get; init; }

    /// <summary>The layout.</summary>
    public Layout Layout { get; init; }

    /// <summary>Sets the title.</summary>
    public Figure WithTitle(string title) => this with { Layout = Layout with { Title = title } };

    /// <summary>Sets x axis number <paramref name="index"/> (1 = main axis, 2 = <c>xaxis2</c>, …).</summary>
    public Figure WithXAxis(Axis axis, int index = 1) => this with { Layout = Layout with { XAxes = SetAxis(Layout.XAxes, axis, index) } };

    /// <summary>Sets y axis number <paramref name="index"/> (1 = main axis, 2 = <c>yaxis2</c>, …).</summary>
    public Figure WithYAxis(Axis axis, int index = 1) => this with { Layout = Layout with { YAxes = SetAxis(Layout.YAxes, axis, index) } };

    /// <summary>Sets the legend.</summary>
    public Figure WithLegend(Legend legend) => this with { Layout = Layout with { Legend = legend, ShowLegend = true } };

    /// <summary>Adds a shape (drawn after the existing ones).</summary>
    public Figure WithShape(Shape shape) => this with { Layout = Layout with { Shapes = [.. Layout.Shapes, shape] } };

    /// <summary>Adds an annotation.</summary>
    public Figure WithAnnotation(Annotation annotation) => this with { Layout = Layout with { Annotations = [.. Layout.Annotations, annotation] } };

    /// <summary>Sets the size in pixels.</summary>
    public Figure WithSize(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        return this with { Layout = Layout with { Width = width, Height = height } };
    }

    /// <summary>Replaces the layout through <paramref name="edit"/>.</summary>
    public Figure WithLayout(Func<Layout, Layout> edit)
    {
        ArgumentNullException.ThrowIfNull(edit);
        return this with { Layout = edit(Layout) };
    }

    /// <summary>Adds traces (drawn on top of the existing ones).</summary>
    public Figure WithTraces(params IEnumerable<Trace> traces) => this with { Traces = [.. Traces, .. traces] };

    /// <summary>The figure as <c>{"data":[…],"layout":{…}}</c>; safe to embed in a &lt;script&gt; element.</summary>
    public string ToJson() => JsonOut.Write(WriteJson);

    /// <summary>A complete, standalone HTML page with plotly.js embedded inline (works offline; usable from notebooks).</summary>
    public string ToHtml() => HtmlDocument.Standalone(this, PlotlyJs.ReadScript());

    /// <summary>
    /// A &lt;div&gt; and &lt;script&gt; that draw the figure in a page which already loads plotly.js
    /// (e.g. through <c>&lt;script src="plotly.min.js"&gt;</c>).
    /// </summary>
    public string ToHtmlDiv(string divId) => HtmlDocument.Div(this, divId);

    /// <summary>Writes <see cref="ToHtml"/> to <paramref name="path"/> atomically (temp file + rename).</summary>
    public void SaveHtml(string path) => AtomicFile.WriteAllText(path, ToHtml());

    internal void WriteJson(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteStartArray("data");
        foreach (Trace t in Traces)
        {
            t.WriteJson(w);
        }

        w.WriteEndArray();
        w.WritePropertyName("layout");
        Layout.WriteJson(w);
        w.WriteEndObject();
    }

    private static Axis[] SetAxis(IReadOnlyList<Axis> axes, Axis axis, int index)
    {
        ArgumentNullException.ThrowIfNull(axis);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(index);
        var list = axes.ToList();
        while (list.Count < index)
        {
            list.Add(new Axis());
        }

        list[index - 1] = axis;
        return [.. list];
    }
}
