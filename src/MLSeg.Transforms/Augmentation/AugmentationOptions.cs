namespace MLSeg.Transforms.Augmentation;

/// <summary>Ranges from which <see cref="Augmenter.Sample"/> draws one augmentation. Zero ranges disable a component.</summary>
public sealed record AugmentationOptions
{
    /// <summary>Probability of a left–right flip (0–1).</summary>
    public double FlipXProbability { get; init; }

    /// <summary>Probability of an up–down flip (0–1).</summary>
    public double FlipYProbability { get; init; }

    /// <summary>Rotation drawn uniformly from ±this many degrees.</summary>
    public double MaxRotationDegrees { get; init; }

    /// <summary>Isotropic scale drawn uniformly from [1 − s, 1 + s].</summary>
    public double ScaleRange { get; init; }

    /// <summary>Elastic displacement amplitude in pixels (0 disables).</summary>
    public double ElasticAlphaPx { get; init; }

    /// <summary>Gaussian smoothing σ of the elastic field in pixels.</summary>
    public double ElasticSigmaPx { get; init; } = 8;

    /// <summary>Gain drawn from [1 − g, 1 + g].</summary>
    public double GainRange { get; init; }

    /// <summary>Bias drawn from [−b, b].</summary>
    public double BiasRange { get; init; }

    /// <summary>Gamma drawn from [1 − γ, 1 + γ], applied to values rescaled to [0, 1] over the image's min–max.</summary>
    public double GammaRange { get; init; }

    /// <summary>Standard deviation of additive Gaussian noise.</summary>
    public double NoiseStd { get; init; }
}
