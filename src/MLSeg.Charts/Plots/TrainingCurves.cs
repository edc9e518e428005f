using MLSeg.Charts.Data;
using MLSeg.Charts.Figures;

namespace MLSeg.Charts.Plots;

/// <summary>Training curves from train_log.csv: losses (left) and validation Dice (right) by epoch, one colour per arm.</summary>
public static class TrainingCurves
{
    /// <summary>The two-panel figure; training loss is solid, validation loss dashed.</summary>
    public static Figure Create(IReadOnlyDictionary<string, IReadOnlyList<TrainLogRow>> logsByArm)
    {
        ArgumentNullException.ThrowIfNull(logsByArm);
        if (logsByArm.Count == 0)
        {
            throw new ArgumentException("No training logs to plot.", nameof(logsByArm));
        }

        var colors = Palette.ForKeys(logsByArm.Keys);
        var traces = new List<Trace>();
        foreach (var (arm, log) in logsByArm.OrderBy(k => k.Key, StringComparer.Ordinal))
        {
            string color = colors[arm];
            string name = PlotText.Escape(arm);
            DataArray epochs = DataArray.Of(log.Select(r => (double)r.Epoch));
            traces.Add(new ScatterTrace(epochs, DataArray.Of(log.Select(r => r.TrainLoss)))
            {
                Name = $"{name} train loss", LegendGroup = arm, Mode = ScatterMode.Lines, Line = new LineStyle { Color = color, Width = 2 },
            });
            traces.Add(new ScatterTrace(epochs, DataArray.Of(log.Select(r => r.ValLoss)))
            {
                Name = $"{name} val loss", LegendGroup = arm, Mode = ScatterMode.Lines, Line = new LineStyle { Color = color, Width = 2, Dash = DashStyle.Dash },
            });
            traces.Add(new ScatterTrace(epochs, DataArray.Of(log.Select(r => r.ValDice)))
            {
                Name = $"{name} val Dice", LegendGroup = arm, Mode = ScatterMode.LinesMarkers, Line = new LineStyle { Color = color, Width = 2 },
                Marker = new MarkerStyle { Color = color, Size = 4 }, ShowLegend = logsByArm.Count > 1 ? false : null,
            }.OnAxes(2, 2));
        }

        return new Figure(traces, ChartStyle.Layout("Training curves") with { Grid = new SubplotGrid(1, 2) })
            .WithXAxis(ChartStyle.Axis("Epoch"), 1).WithYAxis(ChartStyle.Axis("Loss"), 1)
            .WithXAxis(ChartStyle.Axis("Epoch"), 2).WithYAxis(ChartStyle.Axis("Validation Dice"), 2);
    }
}
