using System.Text.Json.Nodes;
using MLSeg.Core.Imaging;
using MLSeg.Core.Pipeline;
using MLSeg.Pipeline;
using MLSeg.Transforms.Geometry;

namespace MLSeg.Transforms;

/// <summary>
/// Centre-pads (image with a constant, labels with background 0) or centre-crops to a fixed size without resampling.
/// </summary>
public sealed class PadOrCropTransformer : GeometryTransformer
{
    /// <summary>The type name in <c>transformer.json</c>.</summary>
    public const string TypeName = "MLSeg.PadOrCrop";

    /// <summary>Pads or crops <paramref name="imageColumn"/> and (unless null) <paramref name="labelColumn"/>; image padding is <paramref name="padValue"/>.</summary>
    public PadOrCropTransformer(int height, int width, string imageColumn, string? labelColumn, float padValue)
        : base(height, width, imageColumn, labelColumn)
    {
        if (!float.IsFinite(padValue))
        {
            throw new ArgumentOutOfRangeException(nameof(padValue), padValue, "The padding value must be finite.");
        }

        PadValue = padValue;
    }

    /// <summary>The value padded image pixels get (0 suits images windowed to [0, 1]).</summary>
    public float PadValue { get; }

    /// <inheritdoc />
    protected override Image2D MapImage(Image2D image) => PadCrop.ToSize(image, Height, Width, PadMode.Constant, PadValue).Image;

    /// <inheritdoc />
    protected override LabelMap MapLabels(LabelMap labels) => PadCrop.ToSize(labels, Height, Width, PadMode.Constant, 0).Labels;

    /// <inheritdoc />
    public override void Save(string directory) =>
        new TransformerManifest(TypeName, 1, new JsonObject
        {
            ["height"] = Height,
            ["width"] = Width,
            ["image"] = ImageColumn,
            ["label"] = LabelColumn,
            ["pad_value"] = PadValue,
        }).Write(directory);

    /// <summary>Loads a transformer saved by <see cref="Save"/>.</summary>
    public static PadOrCropTransformer LoadFrom(string directory, TransformerManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        manifest.RequireVersion(1);
        return new PadOrCropTransformer(ManifestValues.GetInt32(manifest, "height", directory), ManifestValues.GetInt32(manifest, "width", directory),
            manifest.GetString("image"), ManifestValues.GetOptionalString(manifest, "label"), (float)manifest.GetDouble("pad_value"));
    }
}
