using System.Globalization;
using System.Text.Json;
using MLSeg.Core.Imaging;
using MLSeg.Onnx.Export;
using MLSeg.Transforms.Geometry;

namespace MLSeg.Prediction;

/// <summary>
/// A trained segmentation model ready for inference on raw images: a <c>.safetensors</c> checkpoint
/// (<see cref="ModelCheckpoint"/>, run by libtorch) or an exported <c>.onnx</c> model (run by ONNX Runtime). Each image
/// goes through the model's recorded <see cref="ModelPreprocessing"/>, the network's argmax, and a nearest-neighbour
/// resize back to the source grid, so the mask lies on the source pixels (and carries the source spacing).
/// </summary>
public sealed class Predictor : IDisposable
{
    private readonly IPredictionEngine _engine;

    private Predictor(string modelPath, IPredictionEngine engine)
    {
        ModelPath = modelPath;
        _engine = engine;
        Preprocessing = ModelPreprocessing.FromMetadata(engine.Metadata, modelPath);
        if (ModelCheckpoint.InputSize(engine.Metadata, modelPath) is { } size && (size.Height != Preprocessing.SizePx || size.Width != Preprocessing.SizePx))
        {
            throw new ModelMetadataException(modelPath, ModelCheckpoint.InputSizeKey,
                $"is {size.Height}x{size.Width} but '{OnnxExportMetadata.PreprocessingResize}' is {Preprocessing.SizePx}; the two must agree.");
        }

        ClassNames = ReadClassNames(engine.Metadata, modelPath, engine.NumClasses);
    }

    /// <summary>The model file (full path).</summary>
    public string ModelPath { get; }

    /// <summary>The engine running it: <c>libtorch</c> or <c>onnxruntime</c>.</summary>
    public string Engine => _engine.Name;

    /// <summary>The recorded preprocessing applied to every image.</summary>
    public ModelPreprocessing Preprocessing { get; }

    /// <summary>Classes K of the output (label values 0…K−1; 0 is background).</summary>
    public int NumClasses => _engine.NumClasses;

    /// <summary>Channels the network takes.</summary>
    public int InChannels => _engine.InChannels;

    /// <summary>One name per class: the model's <see cref="OnnxExportMetadata.Labels"/> entry, else <c>class k</c>.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>Opens a <c>.onnx</c> model, or else a safetensors checkpoint (the file, or a folder holding <see cref="ModelCheckpoint.FileName"/>).</summary>
    /// <param name="modelPath">The model.</param>
    /// <param name="gpuDeviceId">For a .onnx model, a CUDA device for ONNX Runtime's CUDA provider; null runs on the CPU.</param>
    /// <exception cref="FileNotFoundException">The model does not exist.</exception>
    /// <exception cref="ModelMetadataException">The model does not record its preprocessing.</exception>
    /// <exception cref="ArgumentException">A GPU was asked for a checkpoint (they run on the CPU; export to ONNX for CUDA).</exception>
    /// <exception cref="MLSeg.Core.Errors.NativeEngineException">A GPU was asked for and cannot be used (never a quiet CPU run).</exception>
    public static Predictor Open(string modelPath, int? gpuDeviceId = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelPath);
        bool onnx = modelPath.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase);
        if (!onnx && gpuDeviceId is not null)
        {
            throw new ArgumentException($"A CUDA device applies to .onnx models only; checkpoint '{modelPath}' runs on the CPU. " +
                                        "Export it with `mlseg export-onnx` to predict on the GPU, or use --device cpu.", nameof(gpuDeviceId));
        }

        string full = onnx ? Path.GetFullPath(modelPath) : ModelCheckpoint.Resolve(modelPath);
        if (!File.Exists(full))
        {
            throw new FileNotFoundException($"Model '{modelPath}' does not exist.", full);
        }

        IPredictionEngine engine = onnx ? new OnnxPredictionEngine(full, gpuDeviceId) : new TorchPredictionEngine(full);
        try
        {
            return new Predictor(full, engine);
        }
        catch
        {
            engine.Dispose();
            throw;
        }
    }

    /// <summary>Predicts <paramref name="source"/>'s labels on its own grid (same height, width and spacing).</summary>
    public LabelMap Predict(Image2D source)
    {
        ArgumentNullException.ThrowIfNull(source);
        LabelMap small = _engine.Run(Preprocessing.Apply(source, InChannels));
        LabelMap back = small.Height == source.Height && small.Width == source.Width ? small : Resize.Nearest(small, source.Height, source.Width);
        return new LabelMap(source.Height, source.Width, back.Labels, source.SpacingMm);
    }

    /// <summary>Releases the network or session.</summary>
    public void Dispose() => _engine.Dispose();

    private static string[] ReadClassNames(IReadOnlyDictionary<string, string> metadata, string model, int numClasses)
    {
        if (!metadata.TryGetValue(OnnxExportMetadata.Labels, out string? json))
        {
            return [.. Enumerable.Range(0, numClasses).Select(k => string.Create(CultureInfo.InvariantCulture, $"class {k}"))];
        }

        string[]? names;
        try
        {
            names = JsonSerializer.Deserialize<string[]>(json);
        }
        catch (JsonException e)
        {
            throw new ModelMetadataException($"{model}: metadata '{OnnxExportMetadata.Labels}' is '{json}', not a JSON array of strings: {e.Message}", e);
        }

        return names is { } n && n.Length == numClasses && n.All(s => !string.IsNullOrWhiteSpace(s)) ? n
            : throw new ModelMetadataException(model, OnnxExportMetadata.Labels, $"is '{json}'; expected {numClasses} non-empty class names, one per output channel.");
    }
}
