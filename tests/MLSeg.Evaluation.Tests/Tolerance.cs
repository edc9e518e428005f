namespace MLSeg.Evaluation.Tests;

/// <summary>Relative comparisons with a stated tolerance.</summary>
internal static class Tolerance
{
    /// <summary>Relative tolerance for cross-checks against scipy/numpy.</summary>
    public const double Relative = 1e-6;

    public static void Close(double? expected, double? actual, string what, double relative = Relative)
    {
        if (expected is null || actual is null)
        {
            Assert.True(expected is null && actual is null, $"{what}: expected {Show(expected)}, got {Show(actual)} (null = missing).");
            return;
        }

        double e = expected.Value;
        double a = actual.Value;
        double scale = Math.Max(Math.Abs(e), 1e-12);
        Assert.True(Math.Abs(a - e) <= relative * scale || Math.Abs(a - e) < 1e-12, $"{what}: expected {e:R}, got {a:R} (relative tolerance {relative}).");
    }

    private static string Show(double? v) => v is null ? "null" : v.Value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
