using System.Text.Json.Nodes;
using MLSeg.Core.Imaging;
using MLSeg.Core.Pipeline;
using MLSeg.Pipeline;
using MLSeg.Transforms.Geometry;

namespace MLSeg.Transforms;

/// <summary>
/// Resamples the image bilinearly and the label map by nearest neighbour to a fixed size (PyTorch's
/// <c>align_corners=False</c> conventions; spacing scales with size).
/// </summary>
public sealed class ResizeTransformer : GeometryTransformer
{
    /// <summary>The type name in <c>transformer.json</c>.</summary>
    public const string TypeName = "MLSeg.Resize";

    /// <summary>Resizes <paramref name="imageColumn"/> and (unless null) <paramref name="labelColumn"/>.</summary>
    public ResizeTransformer(int height, int width, string imageColumn, string? labelColumn) : base(height, width, imageColumn, labelColumn) { }

    /// <inheritdoc />
    protected override Image2D MapImage(Image2D image) => Resize.Bilinear(image, Height, Width);

    /// <inheritdoc />
    protected override LabelMap MapLabels(LabelMap labels) => Resize.Nearest(labels, Height, Width);

    /// <inheritdoc />
    public override void Save(string directory) =>
        new TransformerManifest(TypeName, 1, new JsonObject
        {
            ["height"] = Height,
            ["width"] = Width,
            ["image"] = ImageColumn,
            ["label"] = LabelColumn,
        }).Write(directory);

    /// <summary>Loads a transformer saved by <see cref="Save"/>.</summary>
    public static ResizeTransformer LoadFrom(string directory, TransformerManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        manifest.RequireVersion(1);
        return new ResizeTransformer(ManifestValues.GetInt32(manifest, "height", directory), ManifestValues.GetInt32(manifest, "width", directory),
            manifest.GetString("image"), ManifestValues.GetOptionalString(manifest, "label"));
    }
}
