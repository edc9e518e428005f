namespace MLSeg.Training.Pretraining;

/// <summary>Input corruption of the <c>autoencoder</c> strategy (the target is always the clean image).</summary>
public sealed record AutoencoderOptions
{
    /// <summary>Standard deviation of additive Gaussian noise (denoising autoencoder), in the images' normalised units; 0 for none.</summary>
    public double NoiseStd { get; init; }

    /// <summary>Probability that each square patch is zeroed (masked autoencoding); 0 for none.</summary>
    public double MaskProbability { get; init; }

    /// <summary>Side of the masked patches in pixels.</summary>
    public int MaskPatchSize { get; init; } = 8;

    /// <summary>Checks the values.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(NoiseStd);
        if (MaskProbability is < 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaskProbability), MaskProbability, "Mask probability must be in [0, 1).");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaskPatchSize);
    }
}
