using MLSeg.Core.Imaging;

namespace MLSeg.Synthetic.Natural;

/// <summary>One procedural RGB image with its class and object mask.</summary>
/// <param name="Index">0-based index in the set.</param>
/// <param name="ClassIndex">Class index (0 … <see cref="NaturalImageGenerator.ClassCount"/> − 1).</param>
/// <param name="ClassName">Class name, e.g. <c>star-stripes</c>.</param>
/// <param name="Image">3 channels, whole numbers 0…255.</param>
/// <param name="Mask">Object mask by shape family: 1 round, 2 angular, 3 spiky, 0 background.</param>
public sealed record NaturalSample(int Index, int ClassIndex, string ClassName, Image2D Image, LabelMap Mask);
