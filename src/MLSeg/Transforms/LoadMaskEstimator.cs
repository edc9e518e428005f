using MLSeg.Pipeline;

namespace MLSeg.Transforms;

/// <summary>The estimator of <see cref="LoadMaskTransformer"/> (learns nothing); created by <c>ml.Transforms.LoadMask</c>.</summary>
public sealed class LoadMaskEstimator : StatelessEstimator<LoadMaskTransformer>
{
    internal LoadMaskEstimator(LoadMaskTransformer transformer) : base(transformer) { }
}
