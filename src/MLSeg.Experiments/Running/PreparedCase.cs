using MLSeg.Core.Imaging;

namespace MLSeg.Experiments.Running;

/// <summary>
/// One image of the cohort after loading and the spec's geometric preprocessing: the windowed image (before the
/// per-arm intensity normalisation, whose statistics come from each arm's training cases), its reference label map,
/// the original HU/intensity image for clinical measures, and any observer masks.
/// </summary>
public sealed record PreparedCase(
    string PatientId,
    string CaseId,
    string? Phase,
    Image2D Image,
    LabelMap Truth,
    IReadOnlyDictionary<string, LabelMap> Observers);
