using System.Text.Json.Nodes;
using MLSeg.Core.Imaging;
using MLSeg.Persistence;
using MLSeg.Transforms.Geometry;

namespace MLSeg.Transforms;

/// <summary>Centre-pads (image with a constant, labels with background 0) or centre-crops to a fixed size without resampling.</summary>
public sealed class PadOrCropTransformer : GeometryTransformer
{
    internal PadOrCropTransformer(int height, int width, string imageColumn, string? labelColumn, float padValue)
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

    internal override string TypeName => "MLSeg.PadOrCrop";

    private protected override Image2D MapImage(Image2D image) => PadCrop.ToSize(image, Height, Width, PadMode.Constant, PadValue).Image;

    private protected override LabelMap MapLabels(LabelMap labels) => PadCrop.ToSize(labels, Height, Width, PadMode.Constant, 0).Labels;

    internal override JsonObject SaveTo(string directory) =>
        new() { ["height"] = Height, ["width"] = Width, ["image"] = ImageColumn, ["label"] = LabelColumn, ["pad_value"] = PadValue };

    internal static PadOrCropTransformer Load(string directory, StepParameters p) =>
        new(p.Int32("height"), p.Int32("width"), p.String("image"), p.OptionalString("label"), (float)p.Double("pad_value"));
}
