using MLSeg.Core.Imaging;

namespace MLSeg.Evaluation.Clinical;

/// <summary>Computes <see cref="L3Measurement"/>s from a CT slice in Hounsfield units and a label map.</summary>
public static class L3Measures
{
    /// <summary>Lower bound of the adipose-tissue window, HU.</summary>
    public const double AdiposeMinHu = -190;

    /// <summary>Upper bound of the adipose-tissue window, HU.</summary>
    public const double AdiposeMaxHu = -30;

    /// <summary>
    /// Measures the pixels of <paramref name="mask"/> equal to <paramref name="muscleLabel"/> on channel 0 of
    /// <paramref name="ctHu"/>, with the CT's pixel spacing; <paramref name="heightM"/> (metres) gives the SMI.
    /// </summary>
    /// <exception cref="EvaluationException">The CT and the mask differ in size.</exception>
    public static L3Measurement Measure(Image2D ctHu, LabelMap mask, byte muscleLabel = 1, double? heightM = null)
    {
        ArgumentNullException.ThrowIfNull(ctHu);
        ArgumentNullException.ThrowIfNull(mask);
        if (ctHu.Height != mask.Height || ctHu.Width != mask.Width)
        {
            throw new EvaluationException($"CT is {ctHu.Height}x{ctHu.Width} but the muscle mask is {mask.Height}x{mask.Width}; they must share one grid.");
        }

        if (heightM is { } h && !(h > 0 && double.IsFinite(h)))
        {
            throw new ArgumentOutOfRangeException(nameof(heightM), $"Height must be a positive number of metres; got {h}.");
        }

        ReadOnlySpan<float> hu = ctHu.Channel(0);
        ReadOnlySpan<byte> labels = mask.Labels;
        long muscle = 0;
        long adipose = 0;
        double sumHu = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            if (labels[i] != muscleLabel)
            {
                continue;
            }

            muscle++;
            double v = hu[i];
            sumHu += v;
            if (v >= AdiposeMinHu && v <= AdiposeMaxHu)
            {
                adipose++;
            }
        }

        double pixelCm2 = ctHu.SpacingMm.PixelAreaMm2 / 100.0;
        double area = muscle * pixelCm2;
        return new L3Measurement(
            area,
            muscle == 0 ? double.NaN : sumHu / muscle,
            adipose * pixelCm2,
            heightM is { } m ? area / (m * m) : null);
    }
}
