using MLSeg.Charts.Data;
using Plotly.NET;
using Plotly.NET.LayoutObjects;
using Plotly.NET.TraceObjects;
using static MLSeg.Charts.Plots.PlotlyAttributes;
using Chart = Plotly.NET.CSharp.Chart;

namespace MLSeg.Charts.Plots;

/// <summary>Training curves from train_log.csv: losses (left panel) and validation Dice (right panel) by epoch, one colour per arm.</summary>
public static class TrainingCurves
{
    /// <summary>What the right panel says when no arm logged a validation Dice.</summary>
    public const string NoValidationNote =
        "No validation Dice: train_log.csv has no val_dice values — the arm trained without an inner validation split " +
        "(early stopping off, or fewer than two training patients)";

    /// <summary>
    /// The two-panel chart; training loss solid, validation loss dashed. A series is drawn (and listed in the legend) only
    /// when it has a finite value; a panel with no series says why instead of staying blank. The panels are laid out on
    /// two x/y axis pairs of one layout (not <c>Chart.Grid</c>, which leaves annotations on the first panel).
    /// </summary>
    public static GenericChart Create(IReadOnlyDictionary<string, IReadOnlyList<TrainLogRow>> logsByArm)
    {
        ArgumentNullException.ThrowIfNull(logsByArm);
        if (logsByArm.Count == 0 || logsByArm.Values.All(l => l.Count == 0))
        {
            throw new ArgumentException("No training logs (or only empty ones) to plot.", nameof(logsByArm));
        }

        var colors = Palette.ForKeys(logsByArm.Keys);
        var parts = new List<GenericChart>();
        bool anyLoss = false, anyDice = false;
        foreach (var (arm, log) in logsByArm.OrderBy(k => k.Key, StringComparer.Ordinal))
        {
            string color = colors[arm];
            string name = PlotText.Escape(arm);
            double[] epochs = [.. log.Select(r => (double)r.Epoch)];
            (string Label, Func<TrainLogRow, double> Value, int Panel, string Dash)[] series =
            [
                ("train loss", r => r.TrainLoss, 1, "solid"),
                ("val loss", r => r.ValLoss, 1, "dash"),
                ("val Dice", r => r.ValDice, 2, "solid"),
            ];
            foreach (var (label, value, panel, dash) in series)
            {
                double[] y = [.. log.Select(value)];
                if (!y.Any(double.IsFinite))
                {
                    continue;
                }

                anyLoss |= panel == 1;
                anyDice |= panel == 2;
                var part = Chart.Line<double, double, string>(epochs, y, ShowMarkers: panel == 2, Name: $"{name} {label}", UseDefaults: false);
                Set(Traces(part)[0],
                    ("y", Numbers(y)),
                    ("line", Make<Line>(("color", color), ("width", 2), ("dash", dash))),
                    ("marker", panel == 2 ? Make<Marker>(("color", color), ("size", 4)) : null),
                    ("xaxis", panel == 1 ? "x" : "x2"),
                    ("yaxis", panel == 1 ? "y" : "y2"),
                    ("hovertemplate", $"{name} {label}<br>epoch %{{x}}<br>%{{y:.4f}}<extra></extra>"));
                parts.Add(InGroup(part, arm));
            }
        }

        // plotly.js creates a subplot only for axes that hold a trace: an empty, legend-less trace keeps a panel with
        // no series on the page, so its note sits in it.
        foreach (var (has, x, y) in new[] { (anyLoss, "x", "y"), (anyDice, "x2", "y2") })
        {
            if (!has)
            {
                var placeholder = Chart.Line<double, double, string>([], [], Name: "no data", ShowLegend: false, UseDefaults: false);
                Set(Traces(placeholder)[0], ("xaxis", x), ("yaxis", y), ("hoverinfo", "skip"));
                parts.Add(placeholder);
            }
        }

        var chart = ChartStyle.Apply(Chart.Combine(parts), "Training curves");
        ChartStyle.WithX(chart, Domain(ChartStyle.Axis("Epoch"), 0, 0.44, "y"), 1);
        ChartStyle.WithY(chart, Anchor(ChartStyle.Axis("Loss"), "x"), 1);
        ChartStyle.WithX(chart, Domain(ChartStyle.Axis("Epoch"), 0.56, 1, "y2"), 2);
        ChartStyle.WithY(chart, Anchor(ChartStyle.Axis("Validation Dice"), "x2"), 2);
        var notes = new List<Annotation>();
        if (!anyLoss)
        {
            notes.Add(Note("No finite training or validation loss in train_log.csv", "x domain", "y domain"));
        }

        if (!anyDice)
        {
            notes.Add(Note(NoValidationNote, "x2 domain", "y2 domain"));
        }

        Set(LayoutOf(chart), ("annotations", notes.Count > 0 ? notes.ToArray() : null));
        return chart;
    }

    private static LinearAxis Domain(LinearAxis axis, double from, double to, string anchor)
    {
        Set(axis, ("domain", new[] { from, to }), ("anchor", anchor));
        return axis;
    }

    private static LinearAxis Anchor(LinearAxis axis, string anchor)
    {
        Set(axis, ("anchor", anchor));
        return axis;
    }

    // Centred in the panel, wrapped to fit half the figure width.
    private static Annotation Note(string text, string xref, string yref) =>
        Make<Annotation>(("text", Wrap(text, 42)), ("xref", xref), ("yref", yref), ("x", 0.5), ("y", 0.5), ("showarrow", false),
            ("align", "center"), ("font", Make<Font>(("size", 12), ("color", "#666666"))));

    private static string Wrap(string text, int width)
    {
        var lines = new List<string>();
        string line = "";
        foreach (string word in text.Split(' '))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                lines.Add(line);
                line = word;
            }
            else
            {
                line = line.Length == 0 ? word : $"{line} {word}";
            }
        }

        lines.Add(line);
        return string.Join("<br>", lines);
    }
}
