using System.Text.Json;

namespace MLSeg.Charts.Figures;

/// <summary>Figure layout (plotly <c>layout</c>). Null properties are omitted so plotly.js applies its default.</summary>
public sealed record Layout
{
    /// <summary>Figure title.</summary>
    public string? Title { get; init; }

    /// <summary>x axes: index 0 is <c>xaxis</c>, index k is <c>xaxis{k+1}</c> (subplots).</summary>
    public IReadOnlyList<Axis> XAxes { get; init; } = [];

    /// <summary>y axes: index 0 is <c>yaxis</c>, index k is <c>yaxis{k+1}</c> (subplots).</summary>
    public IReadOnlyList<Axis> YAxes { get; init; } = [];

    /// <summary>Legend.</summary>
    public Legend? Legend { get; init; }

    /// <summary>Whether to show the legend.</summary>
    public bool? ShowLegend { get; init; }

    /// <summary>Annotations, in drawing order.</summary>
    public IReadOnlyList<Annotation> Annotations { get; init; } = [];

    /// <summary>Shapes, in drawing order.</summary>
    public IReadOnlyList<Shape> Shapes { get; init; } = [];

    /// <summary>Subplot grid.</summary>
    public SubplotGrid? Grid { get; init; }

    /// <summary>Width in pixels (null: fill the container).</summary>
    public int? Width { get; init; }

    /// <summary>Height in pixels.</summary>
    public int? Height { get; init; }

    /// <summary><c>group</c> puts boxes of different traces side by side at each x.</summary>
    public string? BoxMode { get; init; }

    /// <summary><c>group</c> puts violins of different traces side by side at each x.</summary>
    public string? ViolinMode { get; init; }

    /// <summary><c>group</c> or <c>stack</c> for bar traces.</summary>
    public string? BarMode { get; init; }

    /// <summary>Hover behaviour, e.g. <c>closest</c>, <c>x unified</c>.</summary>
    public string? HoverMode { get; init; }

    /// <summary>CSS font family for all text.</summary>
    public string? FontFamily { get; init; }

    /// <summary>Base font size in points.</summary>
    public double? FontSize { get; init; }

    /// <summary>Background of the plotting area.</summary>
    public string? PlotBackground { get; init; }

    /// <summary>Background of the whole figure.</summary>
    public string? PaperBackground { get; init; }

    /// <summary>Margins in pixels (left, right, top, bottom).</summary>
    public (int Left, int Right, int Top, int Bottom)? Margin { get; init; }

    internal void WriteJson(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        JsonOut.Title(w, Title);
        for (int i = 0; i < XAxes.Count; i++)
        {
            XAxes[i].WriteJson(w, i == 0 ? "xaxis" : $"xaxis{i + 1}");
        }

        for (int i = 0; i < YAxes.Count; i++)
        {
            YAxes[i].WriteJson(w, i == 0 ? "yaxis" : $"yaxis{i + 1}");
        }

        Legend?.WriteJson(w);
        JsonOut.Flag(w, "showlegend", ShowLegend);
        WriteList(w, "annotations", Annotations, a => a.WriteJson(w));
        WriteList(w, "shapes", Shapes, s => s.WriteJson(w));
        Grid?.WriteJson(w);
        JsonOut.Integer(w, "width", Width);
        JsonOut.Integer(w, "height", Height);
        JsonOut.Text(w, "boxmode", BoxMode);
        JsonOut.Text(w, "violinmode", ViolinMode);
        JsonOut.Text(w, "barmode", BarMode);
        JsonOut.Text(w, "hovermode", HoverMode);
        if (FontFamily is not null || FontSize is not null)
        {
            w.WriteStartObject("font");
            JsonOut.Text(w, "family", FontFamily);
            JsonOut.Number(w, "size", FontSize);
            w.WriteEndObject();
        }

        JsonOut.Text(w, "plot_bgcolor", PlotBackground);
        JsonOut.Text(w, "paper_bgcolor", PaperBackground);
        if (Margin is { } m)
        {
            w.WriteStartObject("margin");
            w.WriteNumber("l", m.Left);
            w.WriteNumber("r", m.Right);
            w.WriteNumber("t", m.Top);
            w.WriteNumber("b", m.Bottom);
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    private static void WriteList<T>(Utf8JsonWriter w, string name, IReadOnlyList<T> items, Action<T> write)
    {
        if (items.Count == 0)
        {
            return;
        }

        w.WriteStartArray(name);
        foreach (T item in items)
        {
            write(item);
        }

        w.WriteEndArray();
    }
}
