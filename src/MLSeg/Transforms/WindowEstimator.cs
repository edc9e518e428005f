using MLSeg.Pipeline;

namespace MLSeg.Transforms;

/// <summary>The estimator of <see cref="WindowTransformer"/> (learns nothing); created by <c>ml.Transforms.Window</c>.</summary>
public sealed class WindowEstimator : StatelessEstimator<WindowTransformer>
{
    internal WindowEstimator(WindowTransformer transformer) : base(transformer) { }
}
