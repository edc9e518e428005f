using MLSeg.Pipeline;

namespace MLSeg.Transforms;

/// <summary>The estimator of <see cref="LoadImageTransformer"/> (learns nothing); created by <c>ml.Transforms.LoadImage</c>.</summary>
public sealed class LoadImageEstimator : StatelessEstimator<LoadImageTransformer>
{
    internal LoadImageEstimator(LoadImageTransformer transformer) : base(transformer) { }
}
