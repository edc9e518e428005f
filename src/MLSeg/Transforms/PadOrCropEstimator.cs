using MLSeg.Pipeline;

namespace MLSeg.Transforms;

/// <summary>The estimator of <see cref="PadOrCropTransformer"/> (learns nothing); created by <c>ml.Transforms.PadOrCrop</c>.</summary>
public sealed class PadOrCropEstimator : StatelessEstimator<PadOrCropTransformer>
{
    internal PadOrCropEstimator(PadOrCropTransformer transformer) : base(transformer) { }
}
