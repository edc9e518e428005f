using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using MLSeg.ImageIO.Npy;
using MLSeg.Onnx;

namespace MLSeg.Cli.Commands;

/// <summary><c>mlseg onnx run|info</c>: run an ONNX model on a raw .npy tensor, or describe a model file.</summary>
internal static class OnnxCommand
{
    public static Command Create()
    {
        var command = new Command("onnx", "Run an ONNX model through ONNX Runtime, or describe one.");
        command.Subcommands.Add(CreateRun());
        command.Subcommands.Add(CreateInfo());
        return command;
    }

    /// <summary>Runs <paramref name="model"/> on the tensor in <paramref name="input"/> and writes one output to <paramref name="output"/>.</summary>
    internal static void Run(string model, string input, string output, string? inputName, string? outputName, int? gpuDeviceId)
    {
        NpyArray x = NpyReader.Read(input);
        using var session = OnnxSession.Open(model, new OnnxSessionOptions { GpuDeviceId = gpuDeviceId });
        string inName = inputName ?? (session.Inputs.Count == 1 ? session.Inputs[0].Name
            : throw new OnnxModelException(session.Model, $"ONNX model '{session.Model}' has {session.Inputs.Count} inputs " +
                $"({string.Join("; ", session.Inputs.Select(i => i.Describe()))}); choose one with --input-name."));
        string outName = outputName ?? session.Outputs[0].Name;
        OnnxTensor result = session.Run(new Dictionary<string, OnnxTensor> { [inName] = ToTensor(x, input) }, [outName])[outName];
        NpyWriter.Write(output, ToNpy(result));
    }

    private static Command CreateRun()
    {
        var model = new Option<string>("--model") { Description = "The .onnx model file.", Required = true };
        var input = new Option<string>("--input") { Description = "Input tensor (.npy; float32, int64, uint8 or bool).", Required = true };
        var output = new Option<string>("--out") { Description = "Where to write the output tensor (.npy; float16 outputs are widened to float32).", Required = true };
        var inputName = new Option<string?>("--input-name") { Description = "Model input to feed (needed when the model has several)." };
        var outputName = new Option<string?>("--output-name") { Description = "Model output to write (default: the first)." };
        var gpu = new Option<int?>("--gpu") { Description = "CUDA device id (needs a CUDA build of ONNX Runtime via MLSEG_ORT_LIB)." };
        var command = new Command("run", "Run an ONNX model on one raw tensor and write one output tensor.");
        foreach (Option o in new Option[] { model, input, output, inputName, outputName, gpu })
        {
            command.Options.Add(o);
        }

        command.SetAction(parse => Ok(() => Run(parse.GetValue(model)!, parse.GetValue(input)!, parse.GetValue(output)!,
            parse.GetValue(inputName), parse.GetValue(outputName), parse.GetValue(gpu))));
        return command;
    }

    private static Command CreateInfo()
    {
        var model = new Option<string>("--model") { Description = "The .onnx model file.", Required = true };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of text." };
        var command = new Command("info", "Print a model's inputs, outputs, operator sets and metadata.");
        command.Options.Add(model);
        command.Options.Add(json);
        command.SetAction(parse => Ok(() => Console.WriteLine(Describe(OnnxModelInfo.Read(parse.GetValue(model)!), parse.GetValue(json)))));
        return command;
    }

    /// <summary>Text or JSON description of a model.</summary>
    internal static string Describe(OnnxModelInfo info, bool json)
    {
        if (json)
        {
            return JsonSerializer.Serialize(new
            {
                file = info.Path,
                irVersion = info.IrVersion,
                producer = $"{info.ProducerName} {info.ProducerVersion}".Trim(),
                opsets = info.Opsets,
                inputs = info.Inputs.Select(i => i.Describe()),
                outputs = info.Outputs.Select(o => o.Describe()),
                nodes = info.NodeCount,
                metadata = info.Metadata,
            });
        }

        var lines = new List<string>
        {
            $"file: {info.Path}",
            string.Create(CultureInfo.InvariantCulture, $"ir_version: {info.IrVersion}"),
            $"producer: {info.ProducerName} {info.ProducerVersion}".TrimEnd(),
            "opsets: " + string.Join(", ", info.Opsets.Select(o => string.Create(CultureInfo.InvariantCulture, $"{(o.Key.Length == 0 ? "ai.onnx" : o.Key)}={o.Value}"))),
            string.Create(CultureInfo.InvariantCulture, $"nodes: {info.NodeCount}"),
        };
        lines.AddRange(info.Inputs.Select(i => $"input  {i.Describe()}"));
        lines.AddRange(info.Outputs.Select(o => $"output {o.Describe()}"));
        lines.AddRange(info.Metadata.Select(m => $"metadata {m.Key} = {m.Value}"));
        return string.Join(Environment.NewLine, lines);
    }

    private static OnnxTensor ToTensor(NpyArray array, string file)
    {
        long[] shape = Array.ConvertAll(array.Shape, d => (long)d);
        return array.Data switch
        {
            float[] f => OnnxTensor.FromArray(f, shape),
            long[] l => OnnxTensor.FromArray(l, shape),
            byte[] b => OnnxTensor.FromArray(b, shape),
            bool[] t => OnnxTensor.FromArray(t, shape),
            _ => throw new OnnxModelException(file, $"'{file}' holds {array.Descr} elements; ONNX input tensors from .npy must be float32, int64, uint8 or bool " +
                                                    "(convert with numpy's astype first)."),
        };
    }

    private static NpyArray ToNpy(OnnxTensor tensor)
    {
        int[] shape = [.. tensor.Shape.Select(d => checked((int)d))];
        return tensor.ElementType switch
        {
            OnnxElementType.Float32 => new NpyArray(shape, tensor.ToFloatArray()),
            OnnxElementType.Int64 => new NpyArray(shape, tensor.ToInt64Array()),
            OnnxElementType.UInt8 => new NpyArray(shape, tensor.ToByteArray()),
            OnnxElementType.Bool => new NpyArray(shape, tensor.ToBoolArray()),
            OnnxElementType.Float16 => new NpyArray(shape, Array.ConvertAll(tensor.ToHalfArray(), h => (float)h)),
            _ => throw new OnnxModelException($"The output is {tensor}; only float32, float16, int64, uint8 and bool outputs can be written as .npy."),
        };
    }

    // Errors propagate to CliRunner, which prints them as one line with exit code 1.
    private static int Ok(Action action)
    {
        action();
        return CliRunner.Ok;
    }
}
