namespace MLSeg.Synthetic.Ct;

/// <summary>The per-patient latent variables an L3 phantom was drawn from.</summary>
/// <param name="Sex"><c>M</c> or <c>F</c>.</param>
/// <param name="HeightCm">Standing height in cm (for the skeletal muscle index).</param>
/// <param name="IsSarcopenicLatent">Drawn as sarcopenic (muscle mass scaled down, more intramuscular fat).</param>
/// <param name="MuscleScale">Multiplier on muscle cross-sections (about 0.5–1.25); each muscle group varies around it.</param>
/// <param name="AdiposityZ">Body-fat latent (standard-normal scale; higher = more subcutaneous and visceral fat).</param>
/// <param name="MuscleHuMean">Mean attenuation of muscle in HU before noise and contrast.</param>
/// <param name="HasMyosteatosis">Fat-infiltrated muscle: mean attenuation 2–30 HU and two to three times the intramuscular fat.</param>
/// <param name="VisceralShare">How much of the adiposity is visceral rather than subcutaneous (0–1).</param>
/// <param name="RotationDeg">Roll of the patient on the table, degrees.</param>
/// <param name="ArmsDown">Arms lie beside the abdomen (in the slice) instead of above the head.</param>
/// <param name="HasMetal">Spinal fixation hardware (screws and rods) at L3, with streak artefacts.</param>
public sealed record L3PatientTraits(
    string Sex,
    double HeightCm,
    bool IsSarcopenicLatent,
    double MuscleScale,
    double AdiposityZ,
    double MuscleHuMean,
    bool HasMyosteatosis,
    double VisceralShare,
    double RotationDeg,
    bool ArmsDown,
    bool HasMetal);
