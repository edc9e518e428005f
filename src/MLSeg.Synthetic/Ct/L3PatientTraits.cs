namespace MLSeg.Synthetic.Ct;

/// <summary>The per-patient latent variables an L3 phantom was drawn from.</summary>
/// <param name="Sex"><c>M</c> or <c>F</c>.</param>
/// <param name="HeightCm">Standing height in cm (for the skeletal muscle index).</param>
/// <param name="IsSarcopenicLatent">Drawn as sarcopenic (muscle mass scaled down, more intramuscular fat).</param>
/// <param name="MuscleScale">Multiplier on muscle cross-sections (about 0.6–1.2).</param>
/// <param name="AdiposityZ">Body-fat latent (standard-normal scale; higher = more subcutaneous and visceral fat).</param>
/// <param name="MuscleHuMean">Mean attenuation of muscle in HU before noise.</param>
/// <param name="NoiseSigmaHu">Standard deviation of the added Gaussian CT noise in HU.</param>
public sealed record L3PatientTraits(
    string Sex,
    double HeightCm,
    bool IsSarcopenicLatent,
    double MuscleScale,
    double AdiposityZ,
    double MuscleHuMean,
    double NoiseSigmaHu);
