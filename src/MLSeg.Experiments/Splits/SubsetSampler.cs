using MLSeg.Core.Randomness;

namespace MLSeg.Experiments.Splits;

/// <summary>
/// Draws the training subsets of an arm from a fold's training cases. All draws are seeded and start from cases
/// sorted by id, so they do not depend on manifest order. Random subsets are NESTED: for one seed and fold the
/// subset of size 5 is contained in that of size 10, and so on (a single permutation, truncated).
/// </summary>
public static class SubsetSampler
{
    /// <summary><paramref name="n"/> random images (nested across n).</summary>
    public static IReadOnlyList<TrainingCase> Random(IReadOnlyList<TrainingCase> training, int n, int fold, SeedSource seed)
    {
        TrainingCase[] order = Permutation(Sorted(training), seed.Derive("subset-images").Derive(fold));
        RequireSize(n, order.Length, fold, "images", training);
        return order[..n];
    }

    /// <summary>Random images matched in count to a structured subset of <paramref name="count"/> images (drawn like <see cref="Random"/>).</summary>
    public static IReadOnlyList<TrainingCase> Matched(IReadOnlyList<TrainingCase> training, int count, int fold, SeedSource seed) =>
        Random(training, count, fold, seed);

    /// <summary>Only the end-diastolic and end-systolic frames (phase "ED"/"ES", case-insensitive) of every training patient.</summary>
    public static IReadOnlyList<TrainingCase> EndDiastoleSystole(IReadOnlyList<TrainingCase> training, int fold)
    {
        TrainingCase[] result = [.. Sorted(training).Where(c => IsEdEs(c.Phase))];
        if (result.Length == 0)
        {
            throw new SplitException($"Fold {fold}: none of the {training.Count} training images has phase ED or ES; the esed subset needs a 'phase' column.");
        }

        return result;
    }

    /// <summary>All images of <paramref name="volunteers"/> whole patients (nested across counts).</summary>
    public static IReadOnlyList<TrainingCase> Volunteers(IReadOnlyList<TrainingCase> training, int volunteers, int fold, SeedSource seed)
    {
        TrainingCase[] sorted = Sorted(training);
        string[] patients = Permutation([.. sorted.Select(c => c.PatientId).Distinct(StringComparer.Ordinal)], seed.Derive("subset-volunteers").Derive(fold));
        RequireSize(volunteers, patients.Length, fold, "volunteers", training);
        var chosen = new HashSet<string>(patients[..volunteers], StringComparer.Ordinal);
        return [.. sorted.Where(c => chosen.Contains(c.PatientId))];
    }

    /// <summary>
    /// Splits training cases by patient into (train, inner validation) for early stopping: round(fraction × patients)
    /// patients, at least 1, and at least 1 patient left for training. Held-out data is never touched.
    /// </summary>
    public static (IReadOnlyList<TrainingCase> Train, IReadOnlyList<TrainingCase> Validation) InnerValidation(
        IReadOnlyList<TrainingCase> training, double fraction, int fold, SeedSource seed)
    {
        if (!(fraction > 0 && fraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(fraction), $"Inner validation fraction must be in (0, 1); got {fraction}.");
        }

        TrainingCase[] sorted = Sorted(training);
        string[] patients = Permutation([.. sorted.Select(c => c.PatientId).Distinct(StringComparer.Ordinal)], seed.Derive("inner-validation").Derive(fold));
        if (patients.Length < 2)
        {
            throw new SplitException($"Fold {fold}: an inner validation split needs at least 2 training patients; the subset has {patients.Length}.");
        }

        int count = Math.Clamp((int)Math.Round(fraction * patients.Length, MidpointRounding.AwayFromZero), 1, patients.Length - 1);
        var val = new HashSet<string>(patients[..count], StringComparer.Ordinal);
        return ([.. sorted.Where(c => !val.Contains(c.PatientId))], [.. sorted.Where(c => val.Contains(c.PatientId))]);
    }

    private static bool IsEdEs(string? phase) =>
        string.Equals(phase, "ED", StringComparison.OrdinalIgnoreCase) || string.Equals(phase, "ES", StringComparison.OrdinalIgnoreCase);

    private static TrainingCase[] Sorted(IReadOnlyList<TrainingCase> training)
    {
        ArgumentNullException.ThrowIfNull(training);
        TrainingCase[] sorted = [.. training.OrderBy(c => c.CaseId, StringComparer.Ordinal)];
        for (int i = 1; i < sorted.Length; i++)
        {
            if (string.Equals(sorted[i].CaseId, sorted[i - 1].CaseId, StringComparison.Ordinal))
            {
                throw new ArgumentException($"Case id '{sorted[i].CaseId}' appears twice among the training cases.", nameof(training));
            }
        }

        return sorted;
    }

    private static T[] Permutation<T>(T[] items, SeedSource seed)
    {
        Random rng = seed.CreateRandom();
        for (int i = items.Length - 1; i > 0; i--)
        {
            int j = rng.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }

        return items;
    }

    private static void RequireSize(int n, int available, int fold, string unit, IReadOnlyList<TrainingCase> training)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n);
        if (n > available)
        {
            int patients = training.Select(c => c.PatientId).Distinct(StringComparer.Ordinal).Count();
            throw new SplitException($"Fold {fold}: subset of n = {n} {unit} asked for, but the fold's training set has only {available} {unit} " +
                $"({training.Count} images of {patients} patients).");
        }
    }
}
