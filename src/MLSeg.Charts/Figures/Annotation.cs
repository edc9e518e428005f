using System.Text.Json;

namespace MLSeg.Charts.Figures;

/// <summary>A text annotation (plotly <c>layout.annotations[i]</c>).</summary>
public sealed record Annotation
{
    /// <summary>Creates an annotation with <paramref name="text"/> at (<paramref name="x"/>, <paramref name="y"/>).</summary>
    public Annotation(string text, double x, double y)
    {
        ArgumentNullException.ThrowIfNull(text);
        Text = text;
        X = x;
        Y = y;
    }

    /// <summary>The text (plotly renders a small HTML subset; data strings must be escaped by the caller).</summary>
    public string Text { get; init; }

    /// <summary>x position in <see cref="XRef"/> units.</summary>
    public double X { get; init; }

    /// <summary>y position in <see cref="YRef"/> units.</summary>
    public double Y { get; init; }

    /// <summary><c>x</c> (data, default), <c>x2</c>, or <c>paper</c>.</summary>
    public string? XRef { get; init; }

    /// <summary><c>y</c> (data, default), <c>y2</c>, or <c>paper</c>.</summary>
    public string? YRef { get; init; }

    /// <summary>Draw an arrow from the text to the point.</summary>
    public bool? ShowArrow { get; init; }

    /// <summary>Horizontal anchor of the text box.</summary>
    public string? XAnchor { get; init; }

    /// <summary>Vertical anchor of the text box.</summary>
    public string? YAnchor { get; init; }

    /// <summary>Font size in points.</summary>
    public double? FontSize { get; init; }

    /// <summary>Font colour.</summary>
    public string? FontColor { get; init; }

    internal void WriteJson(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteString("text", Text);
        w.WritePropertyName("x");
        JsonOut.Value(w, X);
        w.WritePropertyName("y");
        JsonOut.Value(w, Y);
        JsonOut.Text(w, "xref", XRef);
        JsonOut.Text(w, "yref", YRef);
        JsonOut.Flag(w, "showarrow", ShowArrow);
        JsonOut.Text(w, "xanchor", XAnchor);
        JsonOut.Text(w, "yanchor", YAnchor);
        if (FontSize is not null || FontColor is not null)
        {
            w.WriteStartObject("font");
            JsonOut.Number(w, "size", FontSize);
            JsonOut.Text(w, "color", FontColor);
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }
}
