using System.CommandLine;
using System.Globalization;
using MLSeg.Core.Imaging;
using MLSeg.Evaluation.Metrics;
using MLSeg.IO;

namespace MLSeg.Cli.Commands;

/// <summary><c>mlseg metrics --truth T --pred P [--spacing ROW,COL] --json</c>: Dice and surface distances per label.</summary>
internal static class MetricsCommand
{
    public static Command Create()
    {
        var truth = new Option<string>("--truth") { Description = "Reference mask (.npy, .png, .nii, .nii.gz).", Required = true };
        var pred = new Option<string>("--pred") { Description = "Predicted mask, same size as the reference.", Required = true };
        var spacing = new Option<string?>("--spacing") { Description = "Pixel spacing ROW,COL in mm (overrides the files' spacing)." };
        var json = new Option<bool>("--json") { Description = "Print JSON keyed by label value (the only format; kept for scripts that pass it)." };
        var command = new Command("metrics", "Dice, HD, HD95, ASSD and RMS distance-to-agreement (mm) for every label value ≥ 1.");
        command.Options.Add(truth);
        command.Options.Add(pred);
        command.Options.Add(spacing);
        command.Options.Add(json);
        command.SetAction(parse =>
        {
            LabelMap t = MaskFiles.Load(parse.GetValue(truth)!);
            LabelMap p = MaskFiles.Load(parse.GetValue(pred)!);
            var options = MetricOptions.Default;
            if (parse.GetValue(spacing) is { } text)
            {
                options = options with { SpacingMm = ParseSpacing(text) };
            }

            SegmentationResult result = SegmentationMetrics.Compute(t, p, options);
            Console.WriteLine(result.ToJson(indented: true));
            if (result.Labels.Count == 0)
            {
                // stdout stays valid JSON for scripts; the reason for the empty object goes to stderr.
                Console.Error.WriteLine("mlseg: neither mask has a label ≥ 1 (both are all background); there is nothing to measure, so no metrics are reported.");
            }

            return CliRunner.Ok;
        });
        return command;
    }

    private static PixelSpacing ParseSpacing(string text)
    {
        string[] parts = text.Split(',');
        if (parts.Length == 2
            && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double row)
            && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double col)
            && row > 0 && col > 0 && double.IsFinite(row) && double.IsFinite(col))
        {
            return new PixelSpacing(row, col);
        }

        throw new UsageException($"--spacing must be ROW,COL in mm with two positive numbers (e.g. 0.78,0.78); got '{text}'.");
    }
}
