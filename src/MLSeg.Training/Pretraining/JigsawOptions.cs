namespace MLSeg.Training.Pretraining;

/// <summary>Puzzle settings of the <c>jigsaw</c> strategy.</summary>
public sealed record JigsawOptions
{
    /// <summary>Size P of the permutation set (the classifier's classes).</summary>
    public int PermutationCount { get; init; } = 100;

    /// <summary>
    /// Side of each square tile in pixels: smaller than a third of the image side (so tiles have random gaps and
    /// jitter inside their cells) and divisible by the encoder's divisor.
    /// </summary>
    public int TileSize { get; init; } = 64;

    /// <summary>Hidden units of the permutation classifier.</summary>
    public int HiddenUnits { get; init; } = 256;

    /// <summary>Checks the values.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(PermutationCount, 2);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(TileSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(HiddenUnits);
    }
}
