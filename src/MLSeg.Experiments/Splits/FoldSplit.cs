namespace MLSeg.Experiments.Splits;

/// <summary>One fold: the patients trained on and the held-out patients validated on (sorted, ordinal).</summary>
/// <param name="Train">Training patient ids.</param>
/// <param name="Val">Held-out patient ids.</param>
public sealed record FoldSplit(IReadOnlyList<string> Train, IReadOnlyList<string> Val);
