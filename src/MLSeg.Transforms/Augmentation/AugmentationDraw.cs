using MLSeg.Core.Randomness;

namespace MLSeg.Transforms.Augmentation;

/// <summary>
/// One sampled augmentation; apply the same draw to an image and its label map so they stay aligned.
/// Geometric parts map each output pixel back to a source position (inverse warp about the image centre).
/// </summary>
public sealed record AugmentationDraw
{
    /// <summary>Flip columns.</summary>
    public bool FlipX { get; init; }

    /// <summary>Flip rows.</summary>
    public bool FlipY { get; init; }

    /// <summary>Rotation in degrees (counter-clockwise in (x right, y down) display).</summary>
    public double RotationDegrees { get; init; }

    /// <summary>Scale factor (&gt; 1 zooms in).</summary>
    public double Scale { get; init; } = 1;

    /// <summary>Elastic amplitude in pixels (0 = none).</summary>
    public double ElasticAlphaPx { get; init; }

    /// <summary>Elastic smoothing σ in pixels.</summary>
    public double ElasticSigmaPx { get; init; } = 8;

    /// <summary>Seed of the elastic displacement field.</summary>
    public SeedSource ElasticSeed { get; init; }

    /// <summary>Multiplicative gain.</summary>
    public double Gain { get; init; } = 1;

    /// <summary>Additive bias.</summary>
    public double Bias { get; init; }

    /// <summary>Gamma exponent (1 = none).</summary>
    public double Gamma { get; init; } = 1;

    /// <summary>Noise standard deviation (0 = none).</summary>
    public double NoiseStd { get; init; }

    /// <summary>Seed of the noise.</summary>
    public SeedSource NoiseSeed { get; init; }

    /// <summary>True when any geometric component is active.</summary>
    public bool IsGeometric => FlipX || FlipY || RotationDegrees != 0 || Scale != 1 || ElasticAlphaPx > 0;
}
