using MLSeg.Core.Imaging;

namespace MLSeg.Transforms.Geometry;

/// <summary>Centre pad and/or crop to a fixed size, and the inverse that maps a prediction back to the original grid.</summary>
public static class PadCrop
{
    /// <summary>Pads/crops every channel of <paramref name="image"/> to <paramref name="height"/> × <paramref name="width"/>.</summary>
    public static (Image2D Image, PadCropPlan Plan) ToSize(Image2D image, int height, int width, PadMode mode = PadMode.Constant, float constant = 0)
    {
        ArgumentNullException.ThrowIfNull(image);
        var plan = Plan(image.Height, image.Width, height, width);
        var result = new Image2D(image.Channels, height, width, spacing: image.SpacingMm);
        for (int c = 0; c < image.Channels; c++)
        {
            Apply<float>(image.Channel(c), result.Channel(c), plan, mode, constant);
        }

        return (result, plan);
    }

    /// <summary>Pads/crops labels (padding with <paramref name="background"/>, or edge labels).</summary>
    public static (LabelMap Labels, PadCropPlan Plan) ToSize(LabelMap labels, int height, int width, PadMode mode = PadMode.Constant, byte background = 0)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var plan = Plan(labels.Height, labels.Width, height, width);
        var result = new LabelMap(height, width, spacing: labels.SpacingMm);
        Apply<byte>(labels.Labels, result.Labels, plan, mode, background);
        return (result, plan);
    }

    /// <summary>Maps a prediction on the padded/cropped grid back to the original one (cropped-away areas become background 0).</summary>
    public static LabelMap Invert(LabelMap predicted, PadCropPlan plan)
    {
        ArgumentNullException.ThrowIfNull(predicted);
        ArgumentNullException.ThrowIfNull(plan);
        if (predicted.Height != plan.TargetHeight || predicted.Width != plan.TargetWidth)
        {
            throw new ArgumentException($"Prediction is {predicted.Height}x{predicted.Width}; the plan produced {plan.TargetHeight}x{plan.TargetWidth}.", nameof(predicted));
        }

        return ToSize(predicted, plan.SourceHeight, plan.SourceWidth).Labels;
    }

    /// <summary>Maps an image (e.g. probabilities) back to the original grid; cropped-away areas become <paramref name="fill"/>.</summary>
    public static Image2D Invert(Image2D predicted, PadCropPlan plan, float fill = 0)
    {
        ArgumentNullException.ThrowIfNull(predicted);
        ArgumentNullException.ThrowIfNull(plan);
        if (predicted.Height != plan.TargetHeight || predicted.Width != plan.TargetWidth)
        {
            throw new ArgumentException($"Prediction is {predicted.Height}x{predicted.Width}; the plan produced {plan.TargetHeight}x{plan.TargetWidth}.", nameof(predicted));
        }

        return ToSize(predicted, plan.SourceHeight, plan.SourceWidth, PadMode.Constant, fill).Image;
    }

    private static PadCropPlan Plan(int h, int w, int height, int width)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        return new PadCropPlan(h, w, height, width);
    }

    private static void Apply<T>(ReadOnlySpan<T> src, Span<T> dst, PadCropPlan p, PadMode mode, T constant)
    {
        int sw = p.SourceWidth, tw = p.TargetWidth;
        for (int y = 0; y < p.TargetHeight; y++)
        {
            int sy = y - p.TargetTop + p.SourceTop;
            bool rowInside = sy >= p.SourceTop && sy < p.SourceTop + p.CopyHeight;
            if (!rowInside && mode == PadMode.Constant)
            {
                dst.Slice(y * tw, tw).Fill(constant);
                continue;
            }

            sy = Math.Clamp(sy, 0, p.SourceHeight - 1);
            for (int x = 0; x < tw; x++)
            {
                int sx = x - p.TargetLeft + p.SourceLeft;
                bool inside = sx >= p.SourceLeft && sx < p.SourceLeft + p.CopyWidth;
                dst[(y * tw) + x] = inside || mode == PadMode.Edge ? src[(sy * sw) + Math.Clamp(sx, 0, sw - 1)] : constant;
            }
        }
    }
}
