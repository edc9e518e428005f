namespace MLSeg.Transforms.Windowing;

/// <summary>The named windows MLSeg knows. Lookup is case-insensitive; an unknown name is an error listing the known ones.</summary>
public static class WindowPresets
{
    /// <summary>Skeletal muscle at L3 for sarcopenia: −29…150 HU mapped exactly (LINEAR_EXACT, c 60.5, w 179).</summary>
    public static WindowPreset SarcopeniaMuscle { get; } = WindowPreset.FromRange("sarcopenia-muscle", -29, 150);

    /// <summary>Soft tissue W400/L40.</summary>
    public static WindowPreset SoftTissue { get; } = new("soft-tissue", 40, 400, VoiLutFunction.Linear);

    /// <summary>Soft tissue W400/L50.</summary>
    public static WindowPreset SoftTissue50 { get; } = new("soft-tissue-50", 50, 400, VoiLutFunction.Linear);

    /// <summary>Lung W1500/L−600.</summary>
    public static WindowPreset Lung { get; } = new("lung", -600, 1500, VoiLutFunction.Linear);

    /// <summary>Bone W1800/L400.</summary>
    public static WindowPreset Bone { get; } = new("bone", 400, 1800, VoiLutFunction.Linear);

    /// <summary>Brain W80/L40.</summary>
    public static WindowPreset Brain { get; } = new("brain", 40, 80, VoiLutFunction.Linear);

    /// <summary>Abdomen W350/L40.</summary>
    public static WindowPreset Abdomen { get; } = new("abdomen", 40, 350, VoiLutFunction.Linear);

    /// <summary>All presets.</summary>
    public static IReadOnlyList<WindowPreset> All { get; } = [SarcopeniaMuscle, SoftTissue, SoftTissue50, Lung, Bone, Brain, Abdomen];

    /// <summary>Known names, in <see cref="All"/> order.</summary>
    public static IReadOnlyList<string> Names { get; } = All.Select(p => p.Name).ToArray();

    /// <summary>The preset named <paramref name="name"/> (case-insensitive); unknown names throw listing the known ones.</summary>
    public static WindowPreset Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return All.FirstOrDefault(p => string.Equals(p.Name, name.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"Unknown window preset '{name}'. Known presets: {string.Join(", ", Names)}.", nameof(name));
    }
}
