using MLSeg.Core.Imaging;

namespace MLSeg.Synthetic.Tests;

/// <summary>Mask arithmetic for tests.</summary>
internal static class Masks
{
    /// <summary>Dice of label <paramref name="label"/> between two maps (1 when both are empty).</summary>
    public static double Dice(LabelMap a, LabelMap b, byte label)
    {
        long inter = 0, na = 0, nb = 0;
        for (int i = 0; i < a.Labels.Length; i++)
        {
            bool x = a.Labels[i] == label;
            bool y = b.Labels[i] == label;
            na += x ? 1 : 0;
            nb += y ? 1 : 0;
            inter += x && y ? 1 : 0;
        }

        return na + nb == 0 ? 1.0 : 2.0 * inter / (na + nb);
    }
}
