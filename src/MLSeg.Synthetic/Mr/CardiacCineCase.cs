namespace MLSeg.Synthetic.Mr;

/// <summary>One generated cine MRI patient: slices × frames, with the end-diastolic and end-systolic frames.</summary>
/// <param name="PatientIndex">0-based index in the cohort.</param>
/// <param name="PatientId">Synthetic PatientID, e.g. <c>SYN-CINE-0001</c>.</param>
/// <param name="Field">Field strength the images were rendered at.</param>
/// <param name="EdFrame">End-diastolic frame (largest LV), always 0.</param>
/// <param name="EsFrame">End-systolic frame (smallest LV).</param>
/// <param name="Slices">Number of slices.</param>
/// <param name="Frames">Number of frames.</param>
/// <param name="Images">Slice-major: <c>Images[slice * Frames + frame]</c>.</param>
public sealed record CardiacCineCase(
    int PatientIndex,
    string PatientId,
    FieldStrength Field,
    int EdFrame,
    int EsFrame,
    int Slices,
    int Frames,
    IReadOnlyList<CardiacImage> Images)
{
    /// <summary>The image of <paramref name="slice"/> at <paramref name="frame"/>.</summary>
    public CardiacImage At(int slice, int frame)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(slice);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(slice, Slices);
        ArgumentOutOfRangeException.ThrowIfNegative(frame);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(frame, Frames);
        return Images[(slice * Frames) + frame];
    }
}
