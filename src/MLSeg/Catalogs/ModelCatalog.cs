using MLSeg.Core.Pipeline;
using MLSeg.Onnx;

namespace MLSeg.Catalogs;

/// <summary>Saving and loading fitted pipelines, and ONNX models (<c>ctx.Model</c>).</summary>
public sealed class ModelCatalog
{
    internal ModelCatalog() { }

    /// <summary>
    /// Runs an ONNX model on an image column (argmax to a label map when it outputs K &gt; 1 channels), on the CPU or, as
    /// ML.NET's <c>gpuDeviceId</c>, on a CUDA device (an error, never a CPU run, when CUDA cannot be used).
    /// </summary>
    public OnnxModelEstimator ApplyOnnxModel(string modelPath, string inputColumn = OnnxModelEstimator.Defaults.InputColumn,
        string outputColumn = OnnxModelEstimator.Defaults.OutputColumn, int? gpuDeviceId = null) =>
        new(modelPath, inputColumn, outputColumn, gpuDeviceId);

    /// <summary>Saves a fitted transformer (or chain) into <paramref name="directory"/>.</summary>
    /// <exception cref="ArgumentException">The transformer cannot be saved.</exception>
    public void Save(ITransformer transformer, string directory)
    {
        ArgumentNullException.ThrowIfNull(transformer);
        if (transformer is not ISavableTransformer savable)
        {
            throw new ArgumentException($"{transformer.GetType().Name} does not implement ISavableTransformer.", nameof(transformer));
        }

        savable.Save(directory);
    }

    /// <summary>Loads a transformer (or chain) saved by <see cref="Save"/>.</summary>
    public ITransformer Load(string directory) => TransformerLoader.Load(directory);
}
