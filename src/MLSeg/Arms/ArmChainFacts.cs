namespace MLSeg.Arms;

/// <summary>What a run knows of an arm beyond its spec: image counts after selection and the pretrained weights file.</summary>
internal sealed record ArmChainFacts(int SubsetImages, int FitImages, int InnerValidationImages, int HeldOutImages, string? WeightsPath);
