using System.Text.Json;

namespace MLSeg.Charts.Figures;

/// <summary>A rectangle or line drawn on the plot (plotly <c>layout.shapes[i]</c>), e.g. the human inter-observer band.</summary>
public sealed record Shape
{
    /// <summary>Creates a shape of <paramref name="type"/> (<c>rect</c> or <c>line</c>) spanning the given corners.</summary>
    public Shape(string type, double x0, double y0, double x1, double y1)
    {
        if (type is not ("rect" or "line"))
        {
            throw new ArgumentOutOfRangeException(nameof(type), type, "Shape type must be 'rect' or 'line'.");
        }

        Type = type;
        X0 = x0;
        Y0 = y0;
        X1 = x1;
        Y1 = y1;
    }

    /// <summary>A horizontal band across the whole plot width between <paramref name="low"/> and <paramref name="high"/> (data units of y).</summary>
    public static Shape HorizontalBand(double low, double high, string fillColor, string yRef = "y") =>
        new("rect", 0, low, 1, high) { XRef = "paper", YRef = yRef, FillColor = fillColor, Layer = "below", Line = new LineStyle { Width = 0 } };

    /// <summary>A horizontal line across the whole plot width at <paramref name="y"/>.</summary>
    public static Shape HorizontalLine(double y, LineStyle line, string yRef = "y") =>
        new("line", 0, y, 1, y) { XRef = "paper", YRef = yRef, Line = line };

    /// <summary><c>rect</c> or <c>line</c>.</summary>
    public string Type { get; }

    /// <summary>First corner x.</summary>
    public double X0 { get; init; }

    /// <summary>First corner y.</summary>
    public double Y0 { get; init; }

    /// <summary>Second corner x.</summary>
    public double X1 { get; init; }

    /// <summary>Second corner y.</summary>
    public double Y1 { get; init; }

    /// <summary><c>x</c> (data, default), <c>x2</c>, or <c>paper</c>.</summary>
    public string? XRef { get; init; }

    /// <summary><c>y</c> (data, default), <c>y2</c>, or <c>paper</c>.</summary>
    public string? YRef { get; init; }

    /// <summary>CSS fill colour.</summary>
    public string? FillColor { get; init; }

    /// <summary>Opacity in [0, 1].</summary>
    public double? Opacity { get; init; }

    /// <summary><c>below</c> (under the traces) or <c>above</c>.</summary>
    public string? Layer { get; init; }

    /// <summary>Outline.</summary>
    public LineStyle? Line { get; init; }

    internal void WriteJson(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteString("type", Type);
        JsonOut.Text(w, "xref", XRef);
        JsonOut.Text(w, "yref", YRef);
        w.WritePropertyName("x0");
        JsonOut.Value(w, X0);
        w.WritePropertyName("y0");
        JsonOut.Value(w, Y0);
        w.WritePropertyName("x1");
        JsonOut.Value(w, X1);
        w.WritePropertyName("y1");
        JsonOut.Value(w, Y1);
        JsonOut.Text(w, "fillcolor", FillColor);
        JsonOut.Number(w, "opacity", Opacity);
        JsonOut.Text(w, "layer", Layer);
        Line?.WriteJson(w, "line");
        w.WriteEndObject();
    }
}
