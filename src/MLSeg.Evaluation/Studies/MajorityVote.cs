using MLSeg.Core.Imaging;

namespace MLSeg.Evaluation.Studies;

/// <summary>Consensus of several observers' label maps by per-pixel majority vote.</summary>
public static class MajorityVote
{
    /// <summary>
    /// Each pixel takes the label chosen by strictly more than half of the observers, else background (0).
    /// Maps must share one size; the consensus carries the first map's spacing.
    /// </summary>
    public static LabelMap Consensus(IReadOnlyList<LabelMap> observers)
    {
        ArgumentNullException.ThrowIfNull(observers);
        if (observers.Count < 2)
        {
            throw new ArgumentException($"A consensus needs at least 2 observers; got {observers.Count}.", nameof(observers));
        }

        LabelMap first = observers[0];
        foreach (var o in observers)
        {
            if (o.Height != first.Height || o.Width != first.Width)
            {
                throw new EvaluationException($"Observer masks differ in size: {first.Height}x{first.Width} and {o.Height}x{o.Width}.");
            }
        }

        var result = new byte[first.Labels.Length];
        Span<int> votes = stackalloc int[256];
        int needed = (observers.Count / 2) + 1;
        for (int i = 0; i < result.Length; i++)
        {
            votes.Clear();
            byte winner = 0;
            foreach (var o in observers)
            {
                byte l = o.Labels[i];
                if (++votes[l] >= needed)
                {
                    winner = l;
                }
            }

            result[i] = winner;
        }

        return new LabelMap(first.Height, first.Width, result, first.SpacingMm);
    }
}
