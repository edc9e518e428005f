using Microsoft.ML;
using Microsoft.ML.Data;
using MLSeg.Data;
using MLSeg.Onnx;
using MLSeg.Persistence;

namespace MLSeg;

/// <summary>
/// Saving and loading fitted pipelines, and running MLSeg's ONNX segmentation models (<c>ml.Segmentation().Model</c>).
/// ML.NET's <c>ml.Model.Save</c> cannot store MLSeg steps (its extension points are internal), so pipelines holding
/// them are saved here; built-in ML.NET steps go inside as embedded ML.NET model files.
/// </summary>
public sealed class SegmentationModelCatalog
{
    private readonly SegmentationCatalog _catalog;

    internal SegmentationModelCatalog(SegmentationCatalog catalog) => _catalog = catalog;

    /// <summary>
    /// Saves a fitted pipeline (a transformer chain of MLSeg and built-in ML.NET steps, or one step) to
    /// <paramref name="path"/>: a zip when it ends in <c>.zip</c>, otherwise a folder; what is there is replaced
    /// atomically. Weights are stored as safetensors.
    /// </summary>
    public void Save(ITransformer model, string path) => PipelineArchive.Save(_catalog.Context, model, path);

    /// <summary>Loads a pipeline saved by <see cref="Save"/> (networks on the CPU).</summary>
    public TransformerChain<ITransformer> Load(string path) => PipelineArchive.Load(_catalog.Context, path);

    /// <summary>
    /// Runs an ONNX segmentation model (one N×C×H×W float input, first output N×K×H×W) on an image column: with K &gt; 1
    /// the output column is the per-pixel argmax label map, with K = 1 the raw map as an image. For vector columns
    /// (after ToTensor) use ML.NET's own <c>ml.Transforms.ApplyOnnxModel</c>. <paramref name="gpuDeviceId"/> runs it with
    /// ONNX Runtime's CUDA provider (GPU build), or fails saying what is missing — never a quiet CPU run.
    /// </summary>
    public OnnxModelEstimator ApplyOnnxModel(string modelPath, string outputColumnName = WellKnownColumns.Prediction,
        string inputColumnName = WellKnownColumns.Image, int? gpuDeviceId = null) =>
        new(new OnnxModelTransformer(modelPath, inputColumnName, outputColumnName, gpuDeviceId));
}
