namespace MLSeg.Synthetic.Natural;

/// <summary>What a natural-image proxy set is for.</summary>
public enum NaturalTask
{
    /// <summary>ImageFolder layout (<c>&lt;class&gt;/&lt;image&gt;.png</c>), class = dominant shape × texture family.</summary>
    Classification,

    /// <summary>Image + mask pairs; mask value = shape family per object (1 round, 2 angular, 3 spiky).</summary>
    Segmentation,
}

/// <summary>Settings of <see cref="NaturalImageGenerator"/>.</summary>
public sealed record NaturalImageOptions
{
    /// <summary>Image rows and columns (square).</summary>
    public int SizePx { get; init; } = 64;

    /// <summary>Classification or segmentation.</summary>
    public NaturalTask Task { get; init; } = NaturalTask.Classification;

    /// <summary>
    /// Number of classes, 2 … <see cref="NaturalImageGenerator.ClassCount"/> (36 = every shape × texture pair). Fewer
    /// classes are spread over the 36 evenly (6 → one per shape), and images stay balanced over those used.
    /// </summary>
    public int Classes { get; init; } = NaturalImageGenerator.ClassCount;

    /// <summary>Throws when a setting is out of range.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(SizePx, 16, nameof(SizePx));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(SizePx, 2048, nameof(SizePx));
        ArgumentOutOfRangeException.ThrowIfLessThan(Classes, 2, nameof(Classes));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Classes, NaturalImageGenerator.ClassCount, nameof(Classes));
        if (!Enum.IsDefined(Task))
        {
            throw new ArgumentOutOfRangeException(nameof(Task), Task, "Unknown task.");
        }
    }
}
