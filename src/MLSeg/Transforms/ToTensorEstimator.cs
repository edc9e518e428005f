using MLSeg.Pipeline;

namespace MLSeg.Transforms;

/// <summary>The estimator of <see cref="ToTensorTransformer"/> (learns nothing); created by <c>ml.Transforms.ToTensor</c>.</summary>
public sealed class ToTensorEstimator : StatelessEstimator<ToTensorTransformer>
{
    internal ToTensorEstimator(ToTensorTransformer transformer) : base(transformer) { }
}
