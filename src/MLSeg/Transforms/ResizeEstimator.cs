using MLSeg.Pipeline;

namespace MLSeg.Transforms;

/// <summary>The estimator of <see cref="ResizeTransformer"/> (learns nothing); created by <c>ml.Transforms.Resize</c>.</summary>
public sealed class ResizeEstimator : StatelessEstimator<ResizeTransformer>
{
    internal ResizeEstimator(ResizeTransformer transformer) : base(transformer) { }
}
