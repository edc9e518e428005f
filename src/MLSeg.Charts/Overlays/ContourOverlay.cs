using MLSeg.Charts.Plots;
using MLSeg.Core.Imaging;
using Plotly.NET;
using static MLSeg.Charts.Plots.PlotlyAttributes;
using PlotlyChart = Plotly.NET.CSharp.Chart;

namespace MLSeg.Charts.Overlays;

/// <summary>
/// Mask contours over a windowed grey image: as an RGB <see cref="Image2D"/> (3 channels, values in [0, 1]) that the caller
/// saves (e.g. with MLSeg.ImageIO's PNG writer), or as an interactive Plotly.NET chart (<see cref="Chart"/>).
/// </summary>
public static class ContourOverlay
{
    /// <summary>Reference contour colour (green).</summary>
    public static readonly (float R, float G, float B) TruthColor = (0f, 0.85f, 0.25f);

    /// <summary>
    /// Windows channel 0 of <paramref name="image"/> linearly to [0, 1] (values ≤ center − width/2 are black, ≥ center + width/2
    /// white) and paints the border pixels of each layer in order, so later layers draw over earlier ones.
    /// A border pixel is a mask pixel with a 4-neighbour outside the mask or outside the image.
    /// </summary>
    public static Image2D Render(Image2D image, double windowCenter, double windowWidth, IReadOnlyList<OverlayLayer> layers)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(layers);
        if (!(windowWidth > 0) || !double.IsFinite(windowWidth) || !double.IsFinite(windowCenter))
        {
            throw new ArgumentOutOfRangeException(nameof(windowWidth), $"Window width must be finite and > 0 (center must be finite); got center {windowCenter}, width {windowWidth}.");
        }

        int h = image.Height, w = image.Width;
        foreach (var layer in layers)
        {
            if (layer.Mask.Height != h || layer.Mask.Width != w)
            {
                throw new ArgumentException($"Mask of {layer.Mask.Height}x{layer.Mask.Width} does not match the {h}x{w} image.", nameof(layers));
            }
        }

        var rgb = new Image2D(3, h, w, spacing: image.SpacingMm);
        ReadOnlySpan<float> src = image.Channel(0);
        Span<float> r = rgb.Channel(0), g = rgb.Channel(1), b = rgb.Channel(2);
        double low = windowCenter - (windowWidth / 2);
        for (int i = 0; i < src.Length; i++)
        {
            float v = (float)Math.Clamp((src[i] - low) / windowWidth, 0, 1);
            r[i] = v;
            g[i] = v;
            b[i] = v;
        }

        foreach (var layer in layers)
        {
            bool[] border = Border(layer.Mask, layer.Label);
            for (int i = 0; i < border.Length; i++)
            {
                if (border[i])
                {
                    r[i] = layer.Red;
                    g[i] = layer.Green;
                    b[i] = layer.Blue;
                }
            }
        }

        return rgb;
    }

    /// <summary>
    /// The overlay as a Plotly.NET chart: the image windowed to [0, 1] as a grey heatmap (row 0 at the top, square pixels),
    /// and each layer's region outline as a contour line at 0.5 of its inside/outside indicator, in the layer's colour,
    /// <paramref name="lineWidth"/> pixels wide. Hovering shows the pixel's original value.
    /// </summary>
    public static GenericChart Chart(Image2D image, double windowCenter, double windowWidth, IReadOnlyList<OverlayLayer> layers, double lineWidth = 2)
    {
        Image2D grey = Render(image, windowCenter, windowWidth, []);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(lineWidth);
        int h = image.Height, w = image.Width;
        ReadOnlySpan<float> g = grey.Channel(0);
        ReadOnlySpan<float> raw = image.Channel(0);
        double[][] z = new double[h][];
        double[][] original = new double[h][];
        for (int y = 0; y < h; y++)
        {
            z[y] = new double[w];
            original[y] = new double[w];
            for (int x = 0; x < w; x++)
            {
                z[y][x] = g[(y * w) + x];
                original[y][x] = raw[(y * w) + x];
            }
        }

        int[] columns = [.. Enumerable.Range(0, w)], rows = [.. Enumerable.Range(0, h)];
        var parts = new List<GenericChart>();
        var background = PlotlyChart.Heatmap<double, int, int, string>(z, X: columns, Y: rows, Name: "image", ShowScale: false, UseDefaults: false);
        Set(Traces(background)[0],
            ("colorscale", new object[][] { [0, "#000000"], [1, "#ffffff"] }), ("zmin", 0), ("zmax", 1),
            ("customdata", original), ("hovertemplate", "row %{y}, column %{x}<br>value %{customdata}<extra></extra>"));
        parts.Add(background);
        for (int i = 0; i < layers.Count; i++)
        {
            OverlayLayer layer = layers[i];
            ReadOnlySpan<byte> m = layer.Mask.Labels;
            double[][] inside = new double[h][];
            for (int y = 0; y < h; y++)
            {
                inside[y] = new double[w];
                for (int x = 0; x < w; x++)
                {
                    inside[y][x] = Inside(m[(y * w) + x], layer.Label) ? 1 : 0;
                }
            }

            string color = string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"rgb({(int)Math.Round(layer.Red * 255)},{(int)Math.Round(layer.Green * 255)},{(int)Math.Round(layer.Blue * 255)})");
            var contour = PlotlyChart.Contour<double, int, int, string>(inside, Name: PlotText.Escape(layer.Name ?? $"layer {i + 1}"), ShowLegend: true,
                X: columns, Y: rows, ShowScale: false, UseDefaults: false);

            // Plotly.NET 6.0 writes ContourLinesWidth as 0, so the contour attributes are set directly.
            Set(Traces(contour)[0],
                ("contours", new Dictionary<string, object> { ["coloring"] = "none", ["start"] = 0.5, ["end"] = 0.5, ["size"] = 1, ["showlabels"] = false }),
                ("line", Make<Line>(("color", color), ("width", lineWidth), ("smoothing", 0))),
                ("hoverinfo", "skip"));
            parts.Add(contour);
        }

        var chart = ChartStyle.Apply(PlotlyChart.Combine(parts), "Contours", showLegend: layers.Count > 0);
        var xAxis = ChartStyle.Axis("column", showGrid: false);
        Set(xAxis, ("constrain", "domain"), ("range", new[] { -0.5, w - 0.5 }));
        var yAxis = ChartStyle.Axis("row", showGrid: false);
        Set(yAxis, ("autorange", "reversed"), ("scaleanchor", "x"), ("constrain", "domain"));
        ChartStyle.WithX(chart, xAxis);
        return ChartStyle.WithY(chart, yAxis);
    }

    /// <summary>Border pixels of the region (label == <paramref name="label"/>, or ≥ 1 when null), row-major.</summary>
    public static bool[] Border(LabelMap mask, byte? label)
    {
        ArgumentNullException.ThrowIfNull(mask);
        int h = mask.Height, w = mask.Width;
        ReadOnlySpan<byte> m = mask.Labels;
        var border = new bool[m.Length];
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                int i = (y * w) + x;
                if (!Inside(m[i], label))
                {
                    continue;
                }

                border[i] = y == 0 || x == 0 || y == h - 1 || x == w - 1
                    || !Inside(m[i - w], label) || !Inside(m[i + w], label) || !Inside(m[i - 1], label) || !Inside(m[i + 1], label);
            }
        }

        return border;
    }

    private static bool Inside(byte value, byte? label) => label is { } l ? value == l : value != 0;
}
