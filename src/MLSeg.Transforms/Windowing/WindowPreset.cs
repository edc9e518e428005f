namespace MLSeg.Transforms.Windowing;

/// <summary>A named display/normalisation window in the units of the input (HU for CT).</summary>
/// <param name="Name">Lookup name (case-insensitive).</param>
/// <param name="Center">Window center c.</param>
/// <param name="Width">Window width w.</param>
/// <param name="Function">VOI LUT function the preset is defined with.</param>
public sealed record WindowPreset(string Name, double Center, double Width, VoiLutFunction Function)
{
    /// <summary>
    /// A preset mapping the range [<paramref name="lower"/>, <paramref name="upper"/>] exactly onto the output range:
    /// LINEAR_EXACT with c = (lower + upper) / 2, w = upper − lower.
    /// </summary>
    public static WindowPreset FromRange(string name, double lower, double upper)
    {
        if (!(upper > lower))
        {
            throw new ArgumentOutOfRangeException(nameof(upper), $"Window range needs upper > lower; got [{lower}, {upper}].");
        }

        return new WindowPreset(name, (lower + upper) / 2, upper - lower, VoiLutFunction.LinearExact);
    }
}
