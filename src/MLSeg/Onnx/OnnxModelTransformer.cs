using System.Text.Json.Nodes;
using Microsoft.ML.OnnxRuntime;
using MLSeg.Core.IO;
using MLSeg.Core.Imaging;
using Microsoft.ML.Data;
using MLSeg.Data;
using MLSeg.Persistence;
using MLSeg.Pipeline;

namespace MLSeg.Onnx;

/// <summary>
/// Runs an ONNX model (single float input N×C×H×W, first output N×K×H'×W') on an image column (ML.NET's
/// ApplyOnnxModel). With K &gt; 1 output channels the output column is the per-pixel argmax as a <see cref="LabelMap"/>
/// (ties go to the lower class); with K = 1 it is the raw map as a one-channel <see cref="Image2D"/>. K must be fixed in
/// the model. Saved with a copy of the model (<c>model.onnx</c>). Owns the session.
/// </summary>
public sealed class OnnxModelTransformer : RowMappingTransformer, IDisposable
{
    /// <summary>The model file inside a saved folder.</summary>
    public const string ModelFile = "model.onnx";

    private readonly InferenceSession _session;

    // The model's bytes, kept so that a saved pipeline holds the model even after the file it came from is gone.
    private readonly byte[] _modelBytes;

    /// <summary>Opens <paramref name="modelPath"/> and maps <paramref name="inputColumn"/> into <paramref name="outputColumn"/>.</summary>
    /// <exception cref="OnnxModelException">The model is not one float image input to one float output with a fixed channel count.</exception>
    internal OnnxModelTransformer(string modelPath, string inputColumn, string outputColumn, int? gpuDeviceId = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelPath);
        ArgumentException.ThrowIfNullOrEmpty(inputColumn);
        ArgumentException.ThrowIfNullOrEmpty(outputColumn);
        if (!File.Exists(modelPath))
        {
            throw new FileNotFoundException($"ONNX model '{modelPath}' does not exist.", modelPath);
        }

        _modelBytes = File.ReadAllBytes(modelPath);
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
        Contract = new ColumnContract([ColumnRequirement.Image(inputColumn)], typeOf => [new OutputColumn(outputColumn, OutputTypeFor(typeOf(inputColumn)))]);
    }

    /// <summary>The model file.</summary>
    public string ModelPath { get; }

    /// <summary>The image column read.</summary>
    public string InputColumn { get; }

    /// <summary>The column written.</summary>
    public string OutputColumn { get; }

    /// <summary>Channels K of the model's output.</summary>
    public long OutputChannels { get; }

    /// <summary>The CUDA device ONNX Runtime runs on, or null for the CPU.</summary>
    public int? GpuDeviceId { get; }

    internal override ColumnContract Contract { get; }

    internal override string TypeName => "MLSeg.OnnxModel";

    internal override object Compute(RowValues row, int output) => Run(row.Image(InputColumn));

    // K > 1: a label map (argmax); K = 1: the raw map as an image; on the input's grid either way.
    private DataViewType OutputTypeFor(DataViewType input)
    {
        var image = (Image2DDataViewType)input;
        return (OutputChannels > 1, image.IsFixedSize) switch
        {
            (true, true) => LabelMapDataViewType.FixedSize(image.Height, image.Width),
            (true, false) => LabelMapDataViewType.Instance,
            (false, true) => Image2DDataViewType.FixedSize(image.Height, image.Width),
            _ => Image2DDataViewType.Instance,
        };
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

    internal override JsonObject SaveTo(string directory)
    {
        AtomicFile.WriteAllBytes(Path.Combine(directory, ModelFile), _modelBytes);
        return new JsonObject { ["input"] = InputColumn, ["output"] = OutputColumn };
    }

    /// <summary>Loads a step saved by <see cref="SaveTo"/> (default session options).</summary>
    internal static OnnxModelTransformer Load(string directory, StepParameters p) =>
        new(Path.Combine(directory, ModelFile), p.String("input"), p.String("output"));

    /// <summary>Releases the native session.</summary>
    public void Dispose() => _session.Dispose();
}
