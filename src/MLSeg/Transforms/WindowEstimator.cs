using MLSeg.Core.Pipeline;
using MLSeg.Pipeline;
using MLSeg.Transforms.Windowing;

namespace MLSeg.Transforms;

/// <summary>Estimator of <see cref="WindowTransformer"/> (learns nothing).</summary>
public sealed class WindowEstimator : TrivialEstimator<WindowTransformer>
{
    /// <summary>Windows <paramref name="column"/> in place with <paramref name="preset"/>.</summary>
    public WindowEstimator(WindowPreset preset, string column = Defaults.Column)
        : base(new WindowTransformer(preset, column, column)) { }

    /// <summary>Default values.</summary>
    public static class Defaults
    {
        /// <summary>The well-known image column.</summary>
        public const string Column = Core.Pipeline.WellKnownColumns.Image;

        /// <summary>The VOI LUT function of a window given by center and width (DICOM's default, LINEAR).</summary>
        public const VoiLutFunction Function = VoiLutFunction.Linear;
    }
}
