using System.Text.Json.Nodes;
using MLSeg.Core.Imaging;
using MLSeg.Persistence;
using MLSeg.Transforms.Geometry;

namespace MLSeg.Transforms;

/// <summary>
/// Resamples the image bilinearly and the label map by nearest neighbour to a fixed size (PyTorch's
/// <c>align_corners=False</c> conventions; spacing scales with size).
/// </summary>
public sealed class ResizeTransformer : GeometryTransformer
{
    internal ResizeTransformer(int height, int width, string imageColumn, string? labelColumn) : base(height, width, imageColumn, labelColumn) { }

    internal override string TypeName => "MLSeg.Resize";

    private protected override Image2D MapImage(Image2D image) => Resize.Bilinear(image, Height, Width);

    private protected override LabelMap MapLabels(LabelMap labels) => Resize.Nearest(labels, Height, Width);

    internal override JsonObject SaveTo(string directory) =>
        new() { ["height"] = Height, ["width"] = Width, ["image"] = ImageColumn, ["label"] = LabelColumn };

    internal static ResizeTransformer Load(string directory, StepParameters p) =>
        new(p.Int32("height"), p.Int32("width"), p.String("image"), p.OptionalString("label"));
}
