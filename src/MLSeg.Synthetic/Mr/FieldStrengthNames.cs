using MLSeg.Core.Errors;

namespace MLSeg.Synthetic.Mr;

/// <summary>Text and numeric forms of <see cref="FieldStrength"/> (manifest <c>field</c> column: <c>1.5T</c>, <c>3T</c>, <c>7T</c>).</summary>
public static class FieldStrengthNames
{
    /// <summary>The manifest spelling, e.g. <c>7T</c>.</summary>
    public static string ToManifestName(this FieldStrength field) => field switch
    {
        FieldStrength.T1p5 => "1.5T",
        FieldStrength.T3 => "3T",
        FieldStrength.T7 => "7T",
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "Unknown field strength."),
    };

    /// <summary>MagneticFieldStrength (0018,0087) in tesla.</summary>
    public static double Tesla(this FieldStrength field) => field switch
    {
        FieldStrength.T1p5 => 1.5,
        FieldStrength.T3 => 3.0,
        FieldStrength.T7 => 7.0,
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "Unknown field strength."),
    };

    /// <summary>Parses <c>1.5T</c>, <c>3T</c> or <c>7T</c> (case-insensitive; the trailing T may be left out).</summary>
    /// <exception cref="MLSegException">The text names no supported field strength.</exception>
    public static FieldStrength Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string t = text.Trim().TrimEnd('T', 't');
        return t switch
        {
            "1.5" => FieldStrength.T1p5,
            "3" or "3.0" => FieldStrength.T3,
            "7" or "7.0" => FieldStrength.T7,
            _ => throw new MLSegException($"Unknown field strength '{text}': expected 1.5T, 3T or 7T."),
        };
    }
}
