using MLSeg.Core.Randomness;

namespace MLSeg.Experiments.Splits;

/// <summary>
/// Patient-level k-fold cross-validation: every patient is held out in exactly one fold, and no patient is ever in
/// both the training and the validation set of a fold. Built from the ordinally SORTED patient ids and a seed, so the
/// same cohort and seed give the same folds on every machine, whatever order the manifest lists patients in.
/// </summary>
public sealed class PatientFolds
{
    private readonly FoldSplit[] _folds;

    /// <summary>Wraps folds after checking them (<see cref="Validate"/> with no cohort).</summary>
    public PatientFolds(IEnumerable<FoldSplit> folds, string source = "folds")
    {
        ArgumentNullException.ThrowIfNull(folds);
        _folds = [.. folds];
        Validate(source, null);
    }

    /// <summary>The folds, fold 0 first.</summary>
    public IReadOnlyList<FoldSplit> Folds => _folds;

    /// <summary>Number of folds (k).</summary>
    public int K => _folds.Length;

    /// <summary>Fold <paramref name="fold"/> (0-based); out of range is an error, never a fallback split.</summary>
    public FoldSplit Fold(int fold)
    {
        if (fold < 0 || fold >= _folds.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(fold), $"Fold {fold} does not exist: the split has {_folds.Length} folds (0…{_folds.Length - 1}).");
        }

        return _folds[fold];
    }

    /// <summary>
    /// Builds k folds of <paramref name="patientIds"/>. Patients are sorted, shuffled with <paramref name="seed"/>
    /// (Fisher–Yates) and dealt round-robin; with <paramref name="strata"/> (patient → stratum) each stratum is shuffled
    /// and dealt on its own, continuing where the previous stratum stopped, so fold sizes differ by at most one.
    /// </summary>
    public static PatientFolds Create(IEnumerable<string> patientIds, int k, SeedSource seed, IReadOnlyDictionary<string, string>? strata = null)
    {
        ArgumentNullException.ThrowIfNull(patientIds);
        string[] ids = [.. patientIds];
        if (ids.Any(string.IsNullOrEmpty))
        {
            throw new ArgumentException("Patient ids must be non-empty.", nameof(patientIds));
        }

        string[] sorted = [.. ids.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        if (sorted.Length != ids.Length)
        {
            throw new ArgumentException("Patient ids repeat; pass each patient once (folds are by patient, not by image).", nameof(patientIds));
        }

        if (k < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(k), $"k-fold needs k ≥ 2; got {k}.");
        }

        if (k > sorted.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(k), $"k = {k} folds need at least {k} patients; the cohort has {sorted.Length}.");
        }

        IEnumerable<IGrouping<string, string>> groups = strata is null
            ? sorted.GroupBy(_ => string.Empty)
            : sorted.GroupBy(id => strata.TryGetValue(id, out string? s) ? s : throw new ArgumentException($"Patient '{id}' has no stratum.", nameof(strata)), StringComparer.Ordinal)
                .OrderBy(g => g.Key, StringComparer.Ordinal);

        var val = Enumerable.Range(0, k).Select(_ => new List<string>()).ToArray();
        int next = 0;
        foreach (IGrouping<string, string> group in groups)
        {
            string[] members = [.. group];
            Random rng = seed.Derive("folds").Derive(group.Key).CreateRandom();
            for (int i = members.Length - 1; i > 0; i--)
            {
                int j = rng.Next(i + 1);
                (members[i], members[j]) = (members[j], members[i]);
            }

            foreach (string id in members)
            {
                val[next].Add(id);
                next = (next + 1) % k;
            }
        }

        var folds = new FoldSplit[k];
        for (int f = 0; f < k; f++)
        {
            var held = new HashSet<string>(val[f], StringComparer.Ordinal);
            folds[f] = new FoldSplit([.. sorted.Where(id => !held.Contains(id))], [.. val[f].Order(StringComparer.Ordinal)]);
        }

        return new PatientFolds(folds);
    }

    /// <summary>
    /// Checks the folds: k ≥ 2, no patient in both train and val of a fold, every patient held out exactly once, each
    /// fold's train ∪ val = all patients, and (when <paramref name="cohortPatients"/> is given) the patients are
    /// exactly the cohort's. <paramref name="source"/> (e.g. the file path) starts every message.
    /// </summary>
    public void Validate(string source, IEnumerable<string>? cohortPatients)
    {
        if (_folds.Length < 2)
        {
            throw new SplitException($"{source}: a split needs at least 2 folds; found {_folds.Length}.");
        }

        var all = new SortedSet<string>(_folds.SelectMany(f => f.Train.Concat(f.Val)), StringComparer.Ordinal);
        var heldOut = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int f = 0; f < _folds.Length; f++)
        {
            var train = new HashSet<string>(_folds[f].Train, StringComparer.Ordinal);
            string? both = _folds[f].Val.FirstOrDefault(train.Contains);
            if (both is not null)
            {
                throw new SplitException($"{source}: patient '{both}' is in both train and val of fold {f}.");
            }

            foreach (string id in _folds[f].Val)
            {
                if (!heldOut.TryAdd(id, f))
                {
                    throw new SplitException($"{source}: patient '{id}' is held out in fold {heldOut[id]} and again in fold {f}.");
                }
            }

            int size = train.Count + _folds[f].Val.Count;
            if (size != all.Count || train.Count != _folds[f].Train.Count)
            {
                throw new SplitException($"{source}: fold {f} covers {size} patient entries; every fold must hold each of the {all.Count} patients exactly once.");
            }
        }

        if (cohortPatients is not null)
        {
            var cohort = new SortedSet<string>(cohortPatients, StringComparer.Ordinal);
            string[] missing = [.. cohort.Except(all, StringComparer.Ordinal).Take(5)];
            string[] extra = [.. all.Except(cohort, StringComparer.Ordinal).Take(5)];
            if (missing.Length > 0 || extra.Length > 0)
            {
                throw new SplitException(
                    $"{source}: the saved split does not match the cohort ({all.Count} patients in the split, {cohort.Count} in the cohort; " +
                    $"not in split: [{string.Join(", ", missing)}], not in cohort: [{string.Join(", ", extra)}]). " +
                    "Use a new run folder for a changed cohort, or delete the split file deliberately.");
            }
        }
    }
}
