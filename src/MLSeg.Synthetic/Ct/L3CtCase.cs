using MLSeg.Core.Imaging;
using MLSeg.Synthetic.Writing;

namespace MLSeg.Synthetic.Ct;

/// <summary>One generated L3 CT patient: the HU image, the truth labels, the observers' masks and the latents.</summary>
/// <param name="PatientIndex">0-based index in the cohort.</param>
/// <param name="Image">1 channel of HU (whole numbers in −1024…3071).</param>
/// <param name="Truth">Truth labels: 1 muscle, 2 subcutaneous fat, 3 visceral fat (2 and 3 only when enabled).</param>
/// <param name="Observers">Annotators' masks in the same label set, with boundary jitter and occasional omissions.</param>
/// <param name="Traits">The patient's latent variables.</param>
/// <param name="Acquisition">Field of view, contrast phase, kernel and noise of the slice.</param>
/// <param name="TrueMuscleAreaCm2">Area of label 1 in the truth, cm².</param>
/// <param name="Series">DICOM attributes for writing.</param>
public sealed record L3CtCase(
    int PatientIndex,
    Image2D Image,
    LabelMap Truth,
    IReadOnlyList<LabelMap> Observers,
    L3PatientTraits Traits,
    L3Acquisition Acquisition,
    double TrueMuscleAreaCm2,
    CtSeriesInfo Series)
{
    /// <summary>Skeletal muscle index, cm²/m² (muscle area over height squared).</summary>
    public double SkeletalMuscleIndex => TrueMuscleAreaCm2 / Math.Pow(Traits.HeightCm / 100, 2);
}
