using System.Globalization;
using System.Text;
using MLSeg.Core.Randomness;

namespace MLSeg.Synthetic;

/// <summary>
/// Derives DICOM UIDs from a seed in the UUID-derived form <c>2.25.&lt;decimal of a 128-bit value&gt;</c>
/// (PS3.5 B.2), so a regenerated cohort carries the same UIDs and two cohorts from other seeds never collide.
/// </summary>
public static class SyntheticUid
{
    /// <summary>The UID of the component named <paramref name="component"/> under <paramref name="seed"/>.</summary>
    public static string Derive(SeedSource seed, string component)
    {
        ArgumentNullException.ThrowIfNull(component);
        SeedSource s = seed.Derive("uid").Derive(component);
        ulong hi = s.Derive(0).Value;
        ulong lo = s.Derive(1).Value;
        // PS3.5 B.2: the 128-bit value is an RFC 4122 UUID; mark it as version 4 / variant 1 so it is one.
        hi = (hi & 0xFFFFFFFFFFFF0FFFUL) | 0x0000000000004000UL;
        lo = (lo & 0x3FFFFFFFFFFFFFFFUL) | 0x8000000000000000UL;
        var value = new UInt128(hi, lo);
        var sb = new StringBuilder("2.25.", 44);
        sb.Append(value.ToString(CultureInfo.InvariantCulture));
        return sb.ToString();
    }
}
