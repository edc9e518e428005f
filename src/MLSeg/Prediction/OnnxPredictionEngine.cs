using System.Globalization;
using Microsoft.ML.OnnxRuntime;
using MLSeg.Core.Imaging;
using MLSeg.Onnx;
using MLSeg.Onnx.Export;

namespace MLSeg.Prediction;

/// <summary>
/// An exported .onnx model run by ONNX Runtime. Inputs whose size is not a multiple of the recorded
/// <see cref="OnnxExportMetadata.RequiredDivisor"/> are zero-padded bottom/right and the labels cropped back — what
/// the libtorch path does, so both engines see the same tensor.
/// </summary>
internal sealed class OnnxPredictionEngine : IPredictionEngine
{
    private readonly InferenceSession _session;
    private readonly int _divisor;
    private readonly string _path;

    public OnnxPredictionEngine(string path, int? gpuDeviceId)
    {
        _path = path;
        Metadata = OnnxModelInfo.Read(path).Metadata;
        string divisor = Metadata.TryGetValue(OnnxExportMetadata.RequiredDivisor, out string? d) ? d
            : throw new ModelMetadataException(path, OnnxExportMetadata.RequiredDivisor, "is missing; export the model with `mlseg export-onnx`.");
        _divisor = int.TryParse(divisor, NumberStyles.None, CultureInfo.InvariantCulture, out int value) && value > 0 ? value
            : throw new ModelMetadataException(path, OnnxExportMetadata.RequiredDivisor, $"is '{divisor}'; expected a positive integer.");
        using (SessionOptions options = OrtSessions.CreateOptions(gpuDeviceId))
        {
            _session = OrtSessions.Open(path, options);
        }

        try
        {
            IReadOnlyList<OnnxValueInfo> inputs = _session.InputInfos();
            OnnxValueInfo first = _session.OutputInfos()[0];
            IReadOnlyList<long> input = inputs.Count == 1 ? inputs[0].Shape : [];
            IReadOnlyList<long> output = first.Shape;
            if (input.Count != 4 || input[1] < 1 || output.Count != 4 || output[1] < 2)
            {
                throw new OnnxModelException(path,
                    $"Prediction needs one N×C×H×W input with fixed C and an N×K×H×W first output with fixed K ≥ 2; the model has inputs " +
                    $"{string.Join("; ", inputs.Select(i => i.Describe()))} and first output {first.Describe()}.");
            }

            InChannels = (int)input[1];
            NumClasses = (int)output[1];
        }
        catch
        {
            _session.Dispose();
            throw;
        }
    }

    public string Name => "onnxruntime";

    public int InChannels { get; }

    public int NumClasses { get; }

    public IReadOnlyDictionary<string, string> Metadata { get; }

    public LabelMap Run(Image2D input)
    {
        int height = (input.Height + _divisor - 1) / _divisor * _divisor;
        int width = (input.Width + _divisor - 1) / _divisor * _divisor;
        var x = new float[input.Channels * height * width];
        for (int c = 0; c < input.Channels; c++)
        {
            ReadOnlySpan<float> plane = input.Channel(c);
            for (int y = 0; y < input.Height; y++)
            {
                plane.Slice(y * input.Width, input.Width).CopyTo(x.AsSpan((((c * height) + y) * width), input.Width));
            }
        }

        float[] logits = _session.RunImage(x, [1, input.Channels, height, width]);
        int planeSize = height * width;
        if (logits.Length != NumClasses * planeSize)
        {
            throw new OnnxModelException(_path, $"The output holds {logits.Length} values; expected {NumClasses}×{height}×{width} for a {height}×{width} input.");
        }

        // Argmax over channels; ties go to the lower class (as torch.argmax on equal values).
        var labels = new byte[input.PlaneSize];
        for (int y = 0; y < input.Height; y++)
        {
            for (int xPos = 0; xPos < input.Width; xPos++)
            {
                int p = (y * width) + xPos;
                float best = logits[p];
                byte label = 0;
                for (int k = 1; k < NumClasses; k++)
                {
                    float v = logits[(k * planeSize) + p];
                    if (v > best)
                    {
                        best = v;
                        label = (byte)k;
                    }
                }

                labels[(y * input.Width) + xPos] = label;
            }
        }

        return new LabelMap(input.Height, input.Width, labels, input.SpacingMm);
    }

    public void Dispose() => _session.Dispose();
}
