using MLSeg.Core.Imaging;

namespace MLSeg.Training.Pretraining;

/// <summary>An image with its class index (from an ImageFolder-style source loaded by the caller).</summary>
/// <param name="Image">The image (C, H, W), normalised.</param>
/// <param name="ClassIndex">Class index in 0..K−1.</param>
public sealed record ClassificationSample(Image2D Image, int ClassIndex);
