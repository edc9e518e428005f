using System.CommandLine;
using System.Globalization;
using MLSeg.Deployment;
using MLSeg.Onnx.Export;
using MLSeg.Onnx.Writer;

namespace MLSeg.Cli.Commands;

/// <summary><c>mlseg export-onnx --checkpoint C --out M.onnx [--mlnet PIPELINE.zip] [--verify] [--fold-bn] [--opset N] [--seed S]</c>.</summary>
internal static class ExportOnnxCommand
{
    public static Command Create()
    {
        var checkpoint = new Option<string>("--checkpoint") { Description = "Model checkpoint: a model.safetensors written by ModelCheckpoint.Save, or its folder.", Required = true };
        var output = new Option<string>("--out") { Description = "The .onnx file to write.", Required = true };
        var verify = new Option<bool>("--verify") { Description = "Run one seeded random input through ONNX Runtime and the engine (TorchSharp) and print max_abs_diff (exit 1 if > 1e-4)." };
        var foldBn = new Option<bool>("--fold-bn") { Description = "Fold BatchNorm (running statistics) into the preceding convolutions." };
        var opset = new Option<int>("--opset") { Description = "ONNX default-domain opset, 13–17.", DefaultValueFactory = _ => OnnxGraphBuilder.MaxOpset };
        var mlnet = new Option<string?>("--mlnet")
        {
            Description = "Also write a plain ML.NET model file (.zip) for apps that reference only Microsoft.ML, Microsoft.ML.OnnxTransformer and " +
                "Microsoft.ML.OnnxRuntime: input column 'input' (modality values, float32, channels x H x W as trained; windowing and normalisation inside), " +
                "output column 'probabilities' (classes x H x W). Needs the checkpoint's preprocessing metadata.",
        };
        var seed = new Option<long>("--seed") { Description = "Seed of the --verify input.", DefaultValueFactory = _ => 0 };
        var command = new Command("export-onnx", "Export a fine-tuned MLSeg checkpoint (U-Net or ResNet U-Net) to ONNX, optionally verified against the engine (TorchSharp).");
        foreach (Option o in new Option[] { checkpoint, output, mlnet, verify, foldBn, opset, seed })
        {
            command.Options.Add(o);
        }

        command.SetAction(parse =>
        {
            if (parse.GetValue(opset) is < OnnxGraphBuilder.MinOpset or > OnnxGraphBuilder.MaxOpset)
            {
                throw new UsageException(string.Create(CultureInfo.InvariantCulture,
                    $"--opset must be {OnnxGraphBuilder.MinOpset}–{OnnxGraphBuilder.MaxOpset}; got {parse.GetValue(opset)}."));
            }

            CheckpointExportResult result = CheckpointExport.Run(parse.GetValue(checkpoint)!, parse.GetValue(output)!, parse.GetValue(foldBn),
                parse.GetValue(opset), parse.GetValue(verify), parse.GetValue(seed));
            Console.WriteLine($"wrote {result.OutputPath}");
            if (parse.GetValue(mlnet) is { Length: > 0 } pipelinePath)
            {
                var (channels, height, width, classes) = MLNetPipelineExport.Write(parse.GetValue(checkpoint)!, pipelinePath, parse.GetValue(opset));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"wrote {Path.GetFullPath(pipelinePath)} (ML.NET: '{MLNetPipelineExport.InputColumn}' {channels}x{height}x{width} -> '{MLNetPipelineExport.OutputColumn}' {classes}x{height}x{width})"));
            }

            if (result.MaxAbsDiff is not double diff)
            {
                return CliRunner.Ok;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"verify_input={string.Join('x', result.VerifyInputShape!)}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"max_abs_diff={diff:G6}"));
            if (!result.Passed)
            {
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"mlseg: ONNX Runtime and the engine (TorchSharp) differ by {diff:G6} (> {OnnxExporter.VerifyTolerance:G3}); the export does not reproduce the network."));
                return CliRunner.Failure;
            }

            return CliRunner.Ok;
        });
        return command;
    }
}
