namespace MLSeg.Experiments.Splits;

/// <summary>One training image as the subset samplers see it (a manifest row reduced to what sampling needs).</summary>
/// <param name="PatientId">The patient (volunteer) it belongs to.</param>
/// <param name="CaseId">A unique id of the image (e.g. its manifest path plus slice/frame).</param>
/// <param name="Phase">Cardiac phase ("ED", "ES") or null/empty when not applicable.</param>
public sealed record TrainingCase(string PatientId, string CaseId, string? Phase = null);
