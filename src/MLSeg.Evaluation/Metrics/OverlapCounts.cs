using System.Numerics;

namespace MLSeg.Evaluation.Metrics;

/// <summary>
/// Pixel counts of one label in one image: <see cref="Truth"/> = |A|, <see cref="Prediction"/> = |B|,
/// <see cref="Intersection"/> = |A ∩ B|. Built from label maps or from published confusion tables; Dice is
/// computed from these counts alone, so both sources share one path.
/// </summary>
public readonly record struct OverlapCounts(long Truth, long Prediction, long Intersection)
{
    /// <summary>Dice = 2|A∩B| / (|A| + |B|); for two empty masks as <paramref name="bothEmpty"/> says (null = missing).</summary>
    public double? Dice(BothEmptyDice bothEmpty = BothEmptyDice.One)
    {
        if (Truth < 0 || Prediction < 0 || Intersection < 0 || Intersection > Math.Min(Truth, Prediction))
        {
            throw new InvalidOperationException($"Inconsistent overlap counts: |A|={Truth}, |B|={Prediction}, |A∩B|={Intersection}.");
        }

        long total = Truth + Prediction;
        if (total == 0)
        {
            return bothEmpty == BothEmptyDice.One ? 1.0 : null;
        }

        return 2.0 * Intersection / total;
    }

    /// <summary>Counts of every label value 0…255 in one pass over two equally sized label buffers.</summary>
    public static OverlapCounts[] ForAllLabels(ReadOnlySpan<byte> truth, ReadOnlySpan<byte> prediction)
    {
        if (truth.Length != prediction.Length)
        {
            throw new ArgumentException($"Label buffers differ in length: truth {truth.Length}, prediction {prediction.Length}.", nameof(prediction));
        }

        Span<long> a = stackalloc long[256];
        Span<long> b = stackalloc long[256];
        Span<long> both = stackalloc long[256];
        a.Clear();
        b.Clear();
        both.Clear();
        // Background-only stretches dominate medical masks: skip them a vector at a time and count them at the end.
        long backgroundBoth = 0;
        int lanes = Vector<byte>.Count;
        int i = 0;
        for (; i <= truth.Length - lanes; i += lanes)
        {
            var either = new Vector<byte>(truth.Slice(i, lanes)) | new Vector<byte>(prediction.Slice(i, lanes));
            if (either == Vector<byte>.Zero)
            {
                backgroundBoth += lanes;
                continue;
            }

            Tally(truth.Slice(i, lanes), prediction.Slice(i, lanes), a, b, both);
        }

        Tally(truth[i..], prediction[i..], a, b, both);
        a[0] += backgroundBoth;
        b[0] += backgroundBoth;
        both[0] += backgroundBoth;
        var result = new OverlapCounts[256];
        for (int l = 0; l < 256; l++)
        {
            result[l] = new OverlapCounts(a[l], b[l], both[l]);
        }

        return result;
    }

    private static void Tally(ReadOnlySpan<byte> truth, ReadOnlySpan<byte> prediction, Span<long> a, Span<long> b, Span<long> both)
    {
        for (int i = 0; i < truth.Length; i++)
        {
            byte t = truth[i];
            byte p = prediction[i];
            a[t]++;
            b[p]++;
            if (t == p)
            {
                both[t]++;
            }
        }
    }
}
