namespace MLSeg.Evaluation.Clinical;

/// <summary>Left-ventricular function from blood-pool volumes over the cardiac cycle.</summary>
/// <param name="EdvMl">End-diastolic volume, mL.</param>
/// <param name="EsvMl">End-systolic volume, mL.</param>
/// <param name="StrokeVolumeMl">EDV − ESV, mL.</param>
/// <param name="EjectionFractionPercent">100 · SV / EDV.</param>
public readonly record struct VentricularFunction(double EdvMl, double EsvMl, double StrokeVolumeMl, double EjectionFractionPercent)
{
    /// <summary>
    /// From per-frame volumes: EDV and ESV at the given frames, or the largest and smallest volume when a frame
    /// index is not given.
    /// </summary>
    public static VentricularFunction FromVolumes(IReadOnlyList<double> volumesMl, int? edFrame = null, int? esFrame = null)
    {
        ArgumentNullException.ThrowIfNull(volumesMl);
        if (volumesMl.Count == 0)
        {
            throw new ArgumentException("No frame volumes.", nameof(volumesMl));
        }

        double edv = edFrame is { } ed ? At(volumesMl, ed, nameof(edFrame)) : volumesMl.Max();
        double esv = esFrame is { } es ? At(volumesMl, es, nameof(esFrame)) : volumesMl.Min();
        if (!(edv > 0))
        {
            throw new EvaluationException($"End-diastolic volume is {edv} mL; an ejection fraction needs a positive EDV.");
        }

        double sv = edv - esv;
        return new VentricularFunction(edv, esv, sv, 100.0 * sv / edv);
    }

    private static double At(IReadOnlyList<double> volumes, int frame, string name)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(frame, name);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(frame, volumes.Count, name);
        return volumes[frame];
    }
}
