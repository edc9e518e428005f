using MLSeg.Core.Pipeline;
using MLSeg.Pipeline;

namespace MLSeg.Transforms;

/// <summary>Estimator of <see cref="ResizeTransformer"/> (learns nothing).</summary>
public sealed class ResizeEstimator : TrivialEstimator<ResizeTransformer>
{
    /// <summary>Resizes <paramref name="imageColumn"/> (bilinear) and, unless null, <paramref name="labelColumn"/> (nearest).</summary>
    public ResizeEstimator(int height, int width, string imageColumn = Defaults.ImageColumn, string? labelColumn = Defaults.LabelColumn)
        : base(new ResizeTransformer(height, width, imageColumn, labelColumn)) { }

    /// <summary>Default values.</summary>
    public static class Defaults
    {
        /// <summary>The well-known image column.</summary>
        public const string ImageColumn = Core.Pipeline.WellKnownColumns.Image;

        /// <summary>The well-known label column (pass null for unlabelled data).</summary>
        public const string LabelColumn = Core.Pipeline.WellKnownColumns.Label;
    }
}
