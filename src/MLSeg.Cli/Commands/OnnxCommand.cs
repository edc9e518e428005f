using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
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
    /// <param name="model">The .onnx file.</param>
    /// <param name="input">The input tensor (.npy).</param>
    /// <param name="output">Where the output tensor goes (.npy).</param>
    /// <param name="inputName">The model input to feed; null when the model has one.</param>
    /// <param name="outputName">The model output to write; null for the first.</param>
    /// <param name="gpuDeviceId">A CUDA device for ONNX Runtime's CUDA provider, or null for the CPU.</param>
    internal static void Run(string model, string input, string output, string? inputName, string? outputName, int? gpuDeviceId)
    {
        NpyArray x = NpyReader.Read(input);
        using SessionOptions options = OrtSessions.CreateOptions(gpuDeviceId);
        using InferenceSession session = OrtSessions.Open(model, options);
        string name = OrtSessions.NameOf(session);
        string inName = inputName ?? (session.InputNames.Count == 1 ? session.InputNames[0]
            : throw new OnnxModelException(name, $"ONNX model '{name}' has {session.InputNames.Count} inputs " +
                $"({string.Join("; ", session.InputInfos().Select(i => i.Describe()))}); choose one with --input-name."));
        string outName = outputName ?? session.OutputNames[0];
        using OrtValue tensor = ToTensor(x, input);
        using IDisposableReadOnlyCollection<OrtValue> results = session.RunChecked(new Dictionary<string, OrtValue> { [inName] = tensor }, [outName]);
        NpyWriter.Write(output, ToNpy(results.First()));
    }

    private static Command CreateRun()
    {
        var model = new Option<string>("--model") { Description = "The .onnx model file.", Required = true };
        var input = new Option<string>("--input") { Description = "Input tensor (.npy; float32, int64, uint8 or bool).", Required = true };
        var output = new Option<string>("--out") { Description = "Where to write the output tensor (.npy; float16 outputs are widened to float32).", Required = true };
        var inputName = new Option<string?>("--input-name") { Description = "Model input to feed (needed when the model has several)." };
        var outputName = new Option<string?>("--output-name") { Description = "Model output to write (default: the first)." };
        var device = DeviceOption();
        var command = new Command("run", "Run an ONNX model on one raw tensor and write one output tensor.");
        foreach (Option o in new Option[] { model, input, output, inputName, outputName, device })
        {
            command.Options.Add(o);
        }

        command.SetAction(parse => Ok(() => Run(parse.GetValue(model)!, parse.GetValue(input)!, parse.GetValue(output)!,
            parse.GetValue(inputName), parse.GetValue(outputName), UsageException.Parse("--device", () => OrtSessions.ParseDevice(parse.GetValue(device)!)))));
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

    /// <summary>
    /// <c>--device cpu|cuda|cuda:N</c> for commands that run ONNX models: cuda uses ONNX Runtime's CUDA provider (GPU build)
    /// and fails, naming what is missing, when it cannot.
    /// </summary>
    internal static Option<string> DeviceOption() => new("--device")
    {
        Description = "cpu, cuda or cuda:N. cuda runs .onnx models on ONNX Runtime's CUDA provider (GPU build: make setup GPU=1, " +
                      "MLSEG_GPU=1 ./mlseg); an error, never a CPU run, when it cannot.",
        DefaultValueFactory = _ => "cpu",
    };

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

    // The tensor reads the .npy array in place (pinned until disposed).
    private static OrtValue ToTensor(NpyArray array, string file)
    {
        long[] shape = Array.ConvertAll(array.Shape, d => (long)d);
        return array.Data switch
        {
            float[] f => OrtValue.CreateTensorValueFromMemory(f, shape),
            long[] l => OrtValue.CreateTensorValueFromMemory(l, shape),
            byte[] b => OrtValue.CreateTensorValueFromMemory(b, shape),
            bool[] t => OrtValue.CreateTensorValueFromMemory(t, shape),
            _ => throw new OnnxModelException(file, $"'{file}' holds {array.Descr} elements; ONNX input tensors from .npy must be float32, int64, uint8 or bool " +
                                                    "(convert with numpy's astype first)."),
        };
    }

    private static NpyArray ToNpy(OrtValue tensor)
    {
        if (!tensor.IsTensor)
        {
            throw new OnnxModelException($"The output is a {tensor.OnnxType}; only tensors can be written as .npy.");
        }

        OrtTensorTypeAndShapeInfo info = tensor.GetTensorTypeAndShape();
        int[] shape = [.. info.Shape.Select(d => checked((int)d))];
        return info.ElementDataType switch
        {
            TensorElementType.Float => new NpyArray(shape, tensor.GetTensorDataAsSpan<float>().ToArray()),
            TensorElementType.Int64 => new NpyArray(shape, tensor.GetTensorDataAsSpan<long>().ToArray()),
            TensorElementType.UInt8 => new NpyArray(shape, tensor.GetTensorDataAsSpan<byte>().ToArray()),
            TensorElementType.Bool => new NpyArray(shape, tensor.GetTensorDataAsSpan<bool>().ToArray()),
            TensorElementType.Float16 => new NpyArray(shape, Array.ConvertAll(tensor.GetTensorDataAsSpan<Float16>().ToArray(), h => (float)h)),
            _ => throw new OnnxModelException($"The output is {InferenceSessionExtensions.Describe(tensor)}; only float32, float16, int64, uint8 and bool outputs can be written as .npy."),
        };
    }

    // Errors propagate to CliRunner, which prints them as one line with exit code 1.
    private static int Ok(Action action)
    {
        action();
        return CliRunner.Ok;
    }
}
