using MLSeg.Core.Imaging;

namespace MLSeg.Transforms.Windowing;

/// <summary>
/// VOI LUT windowing per DICOM PS3.3 C.11.2.1.2 (LINEAR), C.11.2.1.3.2 (LINEAR_EXACT) and C.11.2.1.3.1 (SIGMOID),
/// mapping input values (e.g. HU) to [<c>yMin</c>, <c>yMax</c>] — [0, 1] by default, [−1, 1] via <see cref="SymmetricRange"/>.
/// </summary>
public static class VoiWindow
{
    /// <summary>The output range [−1, 1].</summary>
    public static (double YMin, double YMax) SymmetricRange => (-1, 1);

    /// <summary>The output range [0, 1].</summary>
    public static (double YMin, double YMax) UnitRange => (0, 1);

    /// <summary>Windows one value (the reference formula; <see cref="Apply(ReadOnlySpan{float}, Span{float}, double, double, VoiLutFunction, double, double)"/> is the bulk form).</summary>
    public static double Value(double x, double center, double width, VoiLutFunction function = VoiLutFunction.Linear, double yMin = 0, double yMax = 1)
    {
        Validate(width, function, yMin, yMax);
        return Map(x, center, width, function, yMin, yMax);
    }

    /// <summary>Windows <paramref name="source"/> into <paramref name="destination"/> (same length; may be the same span).</summary>
    public static void Apply(ReadOnlySpan<float> source, Span<float> destination, double center, double width,
        VoiLutFunction function = VoiLutFunction.Linear, double yMin = 0, double yMax = 1)
    {
        Validate(width, function, yMin, yMax);
        if (destination.Length != source.Length)
        {
            throw new ArgumentException($"Destination holds {destination.Length} values; source {source.Length}.", nameof(destination));
        }

        for (int i = 0; i < source.Length; i++)
        {
            destination[i] = (float)Map(source[i], center, width, function, yMin, yMax);
        }
    }

    /// <summary>A new windowed image with <paramref name="preset"/>.</summary>
    public static Image2D Apply(Image2D image, WindowPreset preset, double yMin = 0, double yMax = 1)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(preset);
        var result = new float[image.Data.Length];
        Apply(image.Data, result, preset.Center, preset.Width, preset.Function, yMin, yMax);
        return image.WithData(result);
    }

    private static double Map(double x, double c, double w, VoiLutFunction function, double yMin, double yMax)
    {
        double range = yMax - yMin;
        switch (function)
        {
            case VoiLutFunction.Linear:
                // PS3.3 C.11.2.1.2.1
                if (x <= c - 0.5 - ((w - 1) / 2))
                {
                    return yMin;
                }

                if (x > c - 0.5 + ((w - 1) / 2))
                {
                    return yMax;
                }

                return ((((x - (c - 0.5)) / (w - 1)) + 0.5) * range) + yMin;
            case VoiLutFunction.LinearExact:
                // PS3.3 C.11.2.1.3.2
                if (x <= c - (w / 2))
                {
                    return yMin;
                }

                if (x > c + (w / 2))
                {
                    return yMax;
                }

                return ((((x - c) / w) + 0.5) * range) + yMin;
            default:
                // PS3.3 C.11.2.1.3.1
                return (range / (1 + Math.Exp(-4 * (x - c) / w))) + yMin;
        }
    }

    private static void Validate(double width, VoiLutFunction function, double yMin, double yMax)
    {
        if (!Enum.IsDefined(function))
        {
            throw new ArgumentOutOfRangeException(nameof(function), $"Unknown VOI LUT function {function}.");
        }

        double minimum = function == VoiLutFunction.Linear ? 1 : 0;
        if (!double.IsFinite(width) || width < minimum || (function != VoiLutFunction.Linear && width <= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(width),
                $"Window width {width} is invalid for {function}: PS3.3 C.11.2.1.2 requires {(function == VoiLutFunction.Linear ? "width ≥ 1" : "width > 0")}.");
        }

        if (!(yMax > yMin))
        {
            throw new ArgumentOutOfRangeException(nameof(yMax), $"Output range needs yMax > yMin; got [{yMin}, {yMax}].");
        }
    }
}
