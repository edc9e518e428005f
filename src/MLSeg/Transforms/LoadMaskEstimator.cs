using MLSeg.Core.Pipeline;
using MLSeg.Pipeline;

namespace MLSeg.Transforms;

/// <summary>Estimator of <see cref="LoadMaskTransformer"/> (learns nothing).</summary>
public sealed class LoadMaskEstimator : TrivialEstimator<LoadMaskTransformer>
{
    /// <summary>Loads the masks named in <paramref name="inputColumn"/> into <paramref name="outputColumn"/>, aligned to <paramref name="imageColumn"/> (null: no alignment).</summary>
    public LoadMaskEstimator(string inputColumn = Defaults.InputColumn, string outputColumn = Defaults.OutputColumn, string? imageColumn = Defaults.ImageColumn)
        : base(new LoadMaskTransformer(inputColumn, outputColumn, imageColumn)) { }

    /// <summary>Default values.</summary>
    public static class Defaults
    {
        /// <summary>The manifest's mask path column.</summary>
        public const string InputColumn = Data.ManifestColumns.MaskPath;

        /// <summary>The well-known label column.</summary>
        public const string OutputColumn = Core.Pipeline.WellKnownColumns.Label;

        /// <summary>Masks are aligned to the well-known image column.</summary>
        public const string ImageColumn = Core.Pipeline.WellKnownColumns.Image;
    }
}
