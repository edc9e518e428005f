using MLSeg.Pipeline;

namespace MLSeg.Transforms;

/// <summary>The estimator of <see cref="AugmentTransformer"/> (learns nothing); created by <c>ml.Transforms.Augment</c>.</summary>
public sealed class AugmentEstimator : StatelessEstimator<AugmentTransformer>
{
    internal AugmentEstimator(AugmentTransformer transformer) : base(transformer) { }
}
