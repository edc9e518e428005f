using System.CommandLine;
using MLSeg.Prediction;

namespace MLSeg.Cli.Commands;

/// <summary><c>mlseg pseudo-label --model M --manifest IN.csv --out DIR</c>.</summary>
internal static class PseudoLabelCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "A .onnx model or a checkpoint .safetensors (with its recorded preprocessing).", Required = true };
        var manifest = new Option<string>("--manifest") { Description = "The cohort manifest.csv whose images to label.", Required = true };
        var output = new Option<string>("--out") { Description = "Output folder: masks/*.png and manifest.csv pointing at them.", Required = true };
        var device = OnnxCommand.DeviceOption();
        var command = new Command("pseudo-label", "Predict every image of a manifest and write a manifest whose masks are the model's, ready to train on.");
        foreach (Option o in new Option[] { model, manifest, output, device })
        {
            command.Options.Add(o);
        }

        command.SetAction(parse =>
        {
            PseudoLabelResult result = PseudoLabeler.Run(parse.GetValue(model)!, parse.GetValue(manifest)!, parse.GetValue(output)!, Console.WriteLine,
                UsageException.Parse("--device", () => MLSeg.Onnx.OrtSessions.ParseDevice(parse.GetValue(device)!)));
            Console.WriteLine($"wrote {result.ManifestPath} ({result.Rows} rows; {result.DroppedObserverRows} observer rows left out)");
            return CliRunner.Ok;
        });
        return command;
    }
}
