using System.Globalization;

namespace MLSeg.Charts.Plots;

/// <summary>The Okabe–Ito colour-blind-safe palette, assigned to sources in sorted order so colours are stable across pages.</summary>
public static class Palette
{
    private static readonly string[] Colors = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"];

    /// <summary>Colour number <paramref name="index"/> (wraps around).</summary>
    public static string Color(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return Colors[index % Colors.Length];
    }

    /// <summary>A colour per distinct key, in ordinal sort order.</summary>
    public static IReadOnlyDictionary<string, string> ForKeys(IEnumerable<string> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var sorted = keys.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return sorted.Select((k, i) => (k, i)).ToDictionary(p => p.k, p => Color(p.i), StringComparer.Ordinal);
    }

    /// <summary>The <c>#RRGGBB</c> colour as <c>rgba(r,g,b,alpha)</c>.</summary>
    public static string WithAlpha(string hex, double alpha)
    {
        ArgumentNullException.ThrowIfNull(hex);
        if (hex.Length != 7 || hex[0] != '#')
        {
            throw new ArgumentException($"Colour '{hex}' is not #RRGGBB.", nameof(hex));
        }

        int r = int.Parse(hex.AsSpan(1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        int g = int.Parse(hex.AsSpan(3, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        int b = int.Parse(hex.AsSpan(5, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture, $"rgba({r},{g},{b},{alpha})");
    }
}
