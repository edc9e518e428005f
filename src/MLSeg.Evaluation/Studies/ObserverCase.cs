using MLSeg.Core.Imaging;

namespace MLSeg.Evaluation.Studies;

/// <summary>One image annotated by several observers, with the model's prediction when available.</summary>
/// <param name="CaseId">Image identifier.</param>
/// <param name="Observers">Observer name → label map (at least two observers).</param>
/// <param name="Model">The model's label map, or null.</param>
public sealed record ObserverCase(string CaseId, IReadOnlyDictionary<string, LabelMap> Observers, LabelMap? Model = null);
