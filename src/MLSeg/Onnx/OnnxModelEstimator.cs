using MLSeg.Pipeline;

namespace MLSeg.Onnx;

/// <summary>The estimator of <see cref="OnnxModelTransformer"/> (learns nothing; the model is opened when it is created).</summary>
public sealed class OnnxModelEstimator : StatelessEstimator<OnnxModelTransformer>
{
    internal OnnxModelEstimator(OnnxModelTransformer transformer) : base(transformer) { }
}
