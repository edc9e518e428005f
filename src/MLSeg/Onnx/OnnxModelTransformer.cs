using System.Text.Json.Nodes;
using Microsoft.ML.OnnxRuntime;
using MLSeg.Core.IO;
using MLSeg.Core.Imaging;
using MLSeg.Core.Pipeline;

namespace MLSeg.Onnx;

/// <summary>
/// Runs an ONNX model (single float input N×C×H×W, first output N×K×H'×W') on an image column (ML.NET's
/// ApplyOnnxModel). With K &gt; 1 output channels the output column is the per-pixel argmax as a <see cref="LabelMap"/>
/// (ties go to the lower class); with K = 1 it is the raw map as a one-channel <see cref="Image2D"/>. K must be fixed in
/// the model. Saved with a copy of the model (<c>model.onnx</c>). Owns the session.
/// </summary>
public sealed class OnnxModelTransformer : ISavableTransformer, IDisposable
{
    /// <summary>The type name in <c>transformer.json</c>.</summary>
    public const string TypeName = "MLSeg.OnnxModel";

    /// <summary>The model file inside a saved folder.</summary>
    public const string ModelFile = "model.onnx";

    private readonly InferenceSession _session;

    /// <summary>Opens <paramref name="modelPath"/> and maps <paramref name="inputColumn"/> into <paramref name="outputColumn"/>.</summary>
    /// <param name="modelPath">The .onnx file.</param>
    /// <param name="inputColumn">The image column read.</param>
    /// <param name="outputColumn">The column written.</param>
    /// <param name="gpuDeviceId">As ML.NET's <c>gpuDeviceId</c>: a CUDA device for ONNX Runtime's CUDA provider, or null for the CPU.</param>
    /// <exception cref="OnnxModelException">The model is not one float image input to one float output with a fixed channel count.</exception>
    /// <exception cref="MLSeg.Core.Errors.NativeEngineException">A GPU was asked for and cannot be used (never a quiet CPU run).</exception>
    public OnnxModelTransformer(string modelPath, string inputColumn, string outputColumn, int? gpuDeviceId = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelPath);
        ArgumentException.ThrowIfNullOrEmpty(inputColumn);
        ArgumentException.ThrowIfNullOrEmpty(outputColumn);
        if (!File.Exists(modelPath))
        {
            throw new FileNotFoundException($"ONNX model '{modelPath}' does not exist.", modelPath);
        }

        using (SessionOptions options = OrtSessions.CreateOptions(gpuDeviceId))
        {
            _session = OrtSessions.Open(modelPath, options);
        }

        try
        {
            IReadOnlyList<OnnxValueInfo> inputs = _session.InputInfos();
            OnnxValueInfo output = _session.OutputInfos()[0];
            if (inputs.Count != 1 || inputs[0].Shape.Count != 4 || output.Shape.Count != 4 || output.Shape[1] < 1)
            {
                throw new OnnxModelException(modelPath,
                    $"ApplyOnnxModel needs one 4-D (N, C, H, W) input and a 4-D first output with a fixed channel count; the model has inputs " +
                    $"{string.Join("; ", inputs.Select(i => i.Describe()))} and first output {output.Describe()}.");
            }

            OutputChannels = output.Shape[1];
        }
        catch
        {
            _session.Dispose();
            throw;
        }

        ModelPath = Path.GetFullPath(modelPath);
        InputColumn = inputColumn;
        OutputColumn = outputColumn;
        GpuDeviceId = gpuDeviceId;
    }

    /// <summary>The model file.</summary>
    public string ModelPath { get; }

    /// <summary>The image column read.</summary>
    public string InputColumn { get; }

    /// <summary>The column written.</summary>
    public string OutputColumn { get; }

    /// <summary>Channels K of the model's output.</summary>
    public long OutputChannels { get; }

    /// <summary>The CUDA device the session runs on, or null for the CPU.</summary>
    public int? GpuDeviceId { get; }

    /// <summary>The output column's type: <see cref="LabelMap"/> for K &gt; 1, else <see cref="Image2D"/>.</summary>
    public Type OutputType => OutputChannels > 1 ? typeof(LabelMap) : typeof(Image2D);

    /// <inheritdoc />
    public DataSchema GetOutputSchema(DataSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        inputSchema.Require(InputColumn, typeof(Image2D));
        return inputSchema.With(new DataColumn(OutputColumn, OutputType));
    }

    /// <inheritdoc />
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        DataSchema output = GetOutputSchema(input.Schema);
        int inIndex = input.Schema.IndexOf(InputColumn);
        int outIndex = output.IndexOf(OutputColumn);
        int inputCount = input.Schema.Count;
        return new MappedDataView(input, output, row =>
        {
            var values = new object?[output.Count];
            for (int i = 0; i < inputCount; i++)
            {
                values[i] = row[i];
            }

            values[outIndex] = Run(row.Get<Image2D>(InputColumn));
            return new DataRow(output, values);
        });
    }

    /// <summary>Runs the model on one image.</summary>
    public object Run(Image2D image)
    {
        ArgumentNullException.ThrowIfNull(image);
        float[] y = _session.RunImage(image.Data, [1, image.Channels, image.Height, image.Width]);
        int k = (int)OutputChannels;
        if (y.Length % k != 0)
        {
            throw new OnnxModelException(ModelPath, $"Output holds {y.Length} values, not a multiple of its {k} channels.");
        }

        int plane = y.Length / k;
        if (plane != image.PlaneSize)
        {
            throw new OnnxModelException(ModelPath,
                $"Output has {plane} pixels per channel; the input image is {image.Height}x{image.Width} ({image.PlaneSize}). ApplyOnnxModel needs outputs on the input's grid.");
        }

        return k == 1 ? new Image2D(1, image.Height, image.Width, y, image.SpacingMm) : ArgMax(y, k, image);
    }

    private static LabelMap ArgMax(float[] y, int k, Image2D image)
    {
        int plane = image.PlaneSize;
        var labels = new byte[plane];
        var best = new float[plane];
        y.AsSpan(0, plane).CopyTo(best);
        for (int c = 1; c < k; c++)
        {
            ReadOnlySpan<float> channel = y.AsSpan(c * plane, plane);
            for (int i = 0; i < plane; i++)
            {
                if (channel[i] > best[i])
                {
                    best[i] = channel[i];
                    labels[i] = (byte)c;
                }
            }
        }

        return new LabelMap(image.Height, image.Width, labels, image.SpacingMm);
    }

    /// <inheritdoc />
    public void Save(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Directory.CreateDirectory(directory);
        AtomicFile.Copy(ModelPath, Path.Combine(directory, ModelFile));
        new TransformerManifest(TypeName, 1, new JsonObject { ["input"] = InputColumn, ["output"] = OutputColumn }).Write(directory);
    }

    /// <summary>Loads a transformer saved by <see cref="Save"/> (on the CPU).</summary>
    public static OnnxModelTransformer LoadFrom(string directory, TransformerManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        manifest.RequireVersion(1);
        return new OnnxModelTransformer(Path.Combine(directory, ModelFile), manifest.GetString("input"), manifest.GetString("output"));
    }

    /// <summary>Releases the native session.</summary>
    public void Dispose() => _session.Dispose();
}
