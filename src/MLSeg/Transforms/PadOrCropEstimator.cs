using MLSeg.Core.Pipeline;
using MLSeg.Pipeline;

namespace MLSeg.Transforms;

/// <summary>Estimator of <see cref="PadOrCropTransformer"/> (learns nothing).</summary>
public sealed class PadOrCropEstimator : TrivialEstimator<PadOrCropTransformer>
{
    /// <summary>Centre-pads or crops <paramref name="imageColumn"/> and, unless null, <paramref name="labelColumn"/>.</summary>
    public PadOrCropEstimator(int height, int width, string imageColumn = Defaults.ImageColumn, string? labelColumn = Defaults.LabelColumn,
        float padValue = Defaults.PadValue)
        : base(new PadOrCropTransformer(height, width, imageColumn, labelColumn, padValue)) { }

    /// <summary>Default values.</summary>
    public static class Defaults
    {
        /// <summary>The well-known image column.</summary>
        public const string ImageColumn = Core.Pipeline.WellKnownColumns.Image;

        /// <summary>The well-known label column (pass null for unlabelled data).</summary>
        public const string LabelColumn = Core.Pipeline.WellKnownColumns.Label;

        /// <summary>Image padding value (the bottom of a [0, 1] window).</summary>
        public const float PadValue = 0f;
    }
}
