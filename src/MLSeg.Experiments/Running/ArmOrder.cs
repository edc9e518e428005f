using MLSeg.Experiments.Planning;

namespace MLSeg.Experiments.Running;

/// <summary>The order in which several workers (<c>--jobs N</c>) take a grid's pending arms.</summary>
public static class ArmOrder
{
    /// <summary>
    /// Pretraining first, waiting last: for each pretraining still to build (<paramref name="needsBuild"/>), its first arm in
    /// plan order — so up to N different sources pretrain side by side; then every arm whose weights are ready (none,
    /// import, or cached); then the remaining arms of the pretrainings being built, which by then are usually done.
    /// Within each group the plan's order is kept. Results do not depend on the order: every arm draws from its own seeds,
    /// and a pretraining's key (not the arm that happens to build it) fixes its weights, which are built once under the
    /// cache's lock.
    /// </summary>
    /// <param name="pending">The arms to run, in plan order.</param>
    /// <param name="needsBuild">Whether an arm's pretraining is still to be built (false for sources without one).</param>
    public static IReadOnlyList<Arm> PretrainingFirst(IReadOnlyList<Arm> pending, Func<Arm, bool> needsBuild)
    {
        ArgumentNullException.ThrowIfNull(pending);
        ArgumentNullException.ThrowIfNull(needsBuild);
        var leaders = new List<Arm>();
        var ready = new List<Arm>();
        var waiting = new List<Arm>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (Arm arm in pending)
        {
            if (arm.PretrainJobKey is not { } key || !needsBuild(arm))
            {
                ready.Add(arm);
            }
            else if (keys.Add(key))
            {
                leaders.Add(arm);
            }
            else
            {
                waiting.Add(arm);
            }
        }

        return [.. leaders, .. ready, .. waiting];
    }
}
