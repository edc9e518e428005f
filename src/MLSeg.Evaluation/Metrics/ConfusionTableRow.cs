namespace MLSeg.Evaluation.Metrics;

/// <summary>
/// One image of a per-image confusion table: <c>Counts[a, b]</c> pixels labelled class <c>a</c> by method A
/// (the reference) and class <c>b</c> by method B; class index = label value (0 = background).
/// </summary>
public sealed class ConfusionTableRow
{
    /// <summary>Creates a row over a square count matrix (not copied).</summary>
    public ConfusionTableRow(string image, string set, string methodA, string methodB, long[,] counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        if (counts.GetLength(0) != counts.GetLength(1))
        {
            throw new ArgumentException($"Confusion matrix must be square; got {counts.GetLength(0)}x{counts.GetLength(1)}.", nameof(counts));
        }

        Image = image;
        Set = set;
        MethodA = methodA;
        MethodB = methodB;
        Counts = counts;
    }

    /// <summary>Image identifier.</summary>
    public string Image { get; }

    /// <summary>Data split (e.g. <c>train</c>, <c>val</c>, <c>test</c>).</summary>
    public string Set { get; }

    /// <summary>Reference method (rows of the matrix).</summary>
    public string MethodA { get; }

    /// <summary>Compared method (columns of the matrix).</summary>
    public string MethodB { get; }

    /// <summary>Pixel counts, [class by A, class by B].</summary>
    public long[,] Counts { get; }

    /// <summary>Number of classes including background.</summary>
    public int ClassCount => Counts.GetLength(0);

    /// <summary>|A|, |B| and |A∩B| of class <paramref name="label"/>: row sum, column sum and diagonal cell.</summary>
    public OverlapCounts Overlap(int label)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(label);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(label, ClassCount);
        long a = 0;
        long b = 0;
        for (int k = 0; k < ClassCount; k++)
        {
            a += Counts[label, k];
            b += Counts[k, label];
        }

        return new OverlapCounts(a, b, Counts[label, label]);
    }

    /// <summary>
    /// Dice of every foreground class (labels 1…) as a <see cref="SegmentationResult"/>; surface distances are
    /// missing because a confusion table holds no geometry.
    /// </summary>
    public SegmentationResult ToResult(BothEmptyDice bothEmpty = BothEmptyDice.One)
    {
        var labels = new Dictionary<int, LabelMetrics>();
        for (int l = 1; l < ClassCount; l++)
        {
            labels[l] = LabelMetrics.From(Overlap(l).Dice(bothEmpty), null);
        }

        return new SegmentationResult(labels);
    }
}
