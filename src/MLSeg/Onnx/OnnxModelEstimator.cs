using MLSeg.Core.Pipeline;
using MLSeg.Pipeline;

namespace MLSeg.Onnx;

/// <summary>Estimator of <see cref="OnnxModelTransformer"/> (learns nothing; the model is opened when the estimator is created).</summary>
public sealed class OnnxModelEstimator : TrivialEstimator<OnnxModelTransformer>
{
    /// <summary>Runs <paramref name="modelPath"/> on <paramref name="inputColumn"/> into <paramref name="outputColumn"/>, on the CPU or CUDA device <paramref name="gpuDeviceId"/>.</summary>
    public OnnxModelEstimator(string modelPath, string inputColumn = Defaults.InputColumn, string outputColumn = Defaults.OutputColumn,
        int? gpuDeviceId = null)
        : base(new OnnxModelTransformer(modelPath, inputColumn, outputColumn, gpuDeviceId)) { }

    /// <summary>Default values.</summary>
    public static class Defaults
    {
        /// <summary>The well-known image column.</summary>
        public const string InputColumn = Core.Pipeline.WellKnownColumns.Image;

        /// <summary>The prediction column.</summary>
        public const string OutputColumn = Training.FineTuneEstimator.Defaults.PredictionColumn;
    }
}
