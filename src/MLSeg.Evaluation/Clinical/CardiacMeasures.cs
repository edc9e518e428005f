using MLSeg.Core.Imaging;

namespace MLSeg.Evaluation.Clinical;

/// <summary>Cardiac cine measures: per-image areas and slice-summation (Simpson's disc) volumes.</summary>
public static class CardiacMeasures
{
    /// <summary>Label of the LV blood pool in the 7T convention (0 = background, 1 = LV, 2 = myocardium).</summary>
    public const byte LeftVentricle = 1;

    /// <summary>Label of the LV myocardium in the 7T convention.</summary>
    public const byte Myocardium = 2;

    /// <summary>Area in cm² of <paramref name="label"/> in <paramref name="map"/>, using the map's pixel spacing.</summary>
    public static double AreaCm2(LabelMap map, byte label)
    {
        ArgumentNullException.ThrowIfNull(map);
        return map.Count(label) * map.SpacingMm.PixelAreaMm2 / 100.0;
    }

    /// <summary>
    /// Volume in mL of <paramref name="label"/> over the short-axis slices of one frame: Σ area × slice thickness
    /// (slice spacing, mm, including any gap).
    /// </summary>
    public static double VolumeMl(IEnumerable<LabelMap> slices, byte label, double sliceThicknessMm)
    {
        ArgumentNullException.ThrowIfNull(slices);
        if (!(sliceThicknessMm > 0 && double.IsFinite(sliceThicknessMm)))
        {
            throw new ArgumentOutOfRangeException(nameof(sliceThicknessMm), $"Slice thickness must be a positive number of mm; got {sliceThicknessMm}.");
        }

        // cm² × cm = mL.
        return slices.Sum(s => AreaCm2(s, label)) * (sliceThicknessMm / 10.0);
    }

    /// <summary>LV blood-pool volume per frame from <paramref name="framesBySlice"/>[frame][slice], then EDV/ESV/SV/EF.</summary>
    public static VentricularFunction LeftVentricularFunction(IReadOnlyList<IReadOnlyList<LabelMap>> framesBySlice, double sliceThicknessMm, int? edFrame = null, int? esFrame = null)
    {
        ArgumentNullException.ThrowIfNull(framesBySlice);
        var volumes = framesBySlice.Select(f => VolumeMl(f, LeftVentricle, sliceThicknessMm)).ToList();
        return VentricularFunction.FromVolumes(volumes, edFrame, esFrame);
    }
}
