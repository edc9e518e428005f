using MLSeg.Core.Caching;
using MLSeg.Core.Pipeline;
using MLSeg.Pipeline;

namespace MLSeg.Transforms;

/// <summary>Estimator of <see cref="LoadImageTransformer"/> (learns nothing).</summary>
public sealed class LoadImageEstimator : TrivialEstimator<LoadImageTransformer>
{
    /// <summary>Loads the files named in <paramref name="inputColumn"/> into <paramref name="outputColumn"/>.</summary>
    public LoadImageEstimator(string inputColumn = Defaults.InputColumn, string outputColumn = Defaults.OutputColumn)
        : base(new LoadImageTransformer(inputColumn, outputColumn)) { }

    /// <summary>As the other constructor, decoding through <paramref name="cache"/> (null: no cache).</summary>
    public LoadImageEstimator(string inputColumn, string outputColumn, ContentHashCache? cache)
        : base(new LoadImageTransformer(inputColumn, outputColumn, cache)) { }

    /// <summary>Default values.</summary>
    public static class Defaults
    {
        /// <summary>The manifest's image path column.</summary>
        public const string InputColumn = Data.ManifestColumns.ImagePath;

        /// <summary>The well-known image column.</summary>
        public const string OutputColumn = Core.Pipeline.WellKnownColumns.Image;
    }
}
