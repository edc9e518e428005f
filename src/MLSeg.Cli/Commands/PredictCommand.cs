using System.CommandLine;
using MLSeg.Prediction;

namespace MLSeg.Cli.Commands;

/// <summary><c>mlseg predict --model M --input IN --out DIR [--format seg|nifti|png] [--measures] [--device cpu|cuda|cuda:N]</c>.</summary>
internal static class PredictCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "A .onnx model or a checkpoint .safetensors (with its recorded preprocessing).", Required = true };
        var input = new Option<string>("--input") { Description = "An image file, a folder of DICOM files (one image each), or a manifest.csv (its image column).", Required = true };
        var output = new Option<string>("--out") { Description = "Output folder for one mask per image.", Required = true };
        var format = new Option<string?>("--format") { Description = "seg (DICOM-SEG referencing the source; default for DICOM input), nifti, or png (default otherwise)." };
        format.AcceptOnlyFromAmong("seg", "nifti", "png");
        var measures = new Option<bool>("--measures") { Description = "Also write measures.csv (L3 muscle area, mean HU, IMAT; LV/myocardium areas for 3-class models)." };
        var device = OnnxCommand.DeviceOption();
        var command = new Command("predict", "Segment images with a trained model, writing masks aligned with the source pixels.");
        foreach (Option o in new Option[] { model, input, output, format, measures, device })
        {
            command.Options.Add(o);
        }

        command.SetAction(parse =>
        {
            MaskFormat? chosen = parse.GetValue(format) switch
            {
                null => null,
                "seg" => MaskFormat.Seg,
                "nifti" => MaskFormat.Nifti,
                _ => MaskFormat.Png,
            };
            PredictionResult result = PredictionRunner.Run(parse.GetValue(model)!, parse.GetValue(input)!, parse.GetValue(output)!, chosen,
                parse.GetValue(measures), Console.WriteLine, UsageException.Parse("--device", () => MLSeg.Onnx.OrtSessions.ParseDevice(parse.GetValue(device)!)));
            Console.WriteLine($"predicted {result.Images.Count} image(s) with {result.Engine}; format {result.Format.ToString().ToLowerInvariant()}");
            if (result.MeasuresPath is { } path)
            {
                Console.WriteLine($"wrote {path}");
            }

            foreach (PredictionFailure failure in result.Failures)
            {
                Console.Error.WriteLine($"mlseg: {failure.Error}");
            }

            return result.Failures.Count == 0 ? CliRunner.Ok : CliRunner.Failure;
        });
        return command;
    }
}
