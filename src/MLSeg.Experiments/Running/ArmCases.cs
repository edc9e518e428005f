using System.Globalization;
using MLSeg.Core.Randomness;
using MLSeg.Experiments.Planning;
using MLSeg.Experiments.Specs;
using MLSeg.Experiments.Splits;
using MLSeg.Training.Data;

namespace MLSeg.Experiments.Running;

/// <summary>
/// The cases an arm uses, selected from the run's prepared cohort: the fold's training cases → the arm's subset (nested
/// random, ED/ES, volunteers, matched; seeded by <c>seed.Derive("subset")</c>) → the fit cases and, with early stopping
/// and at least two subset patients, an inner validation split (<c>seed.Derive("inner-validation")</c>); the held-out
/// fold's cases in manifest order.
/// </summary>
/// <param name="FoldTraining">Every case of the fold's training patients, in manifest order (target-domain pretraining reads these).</param>
/// <param name="Subset">The arm's training subset (its size is the <c>n</c> of results.csv).</param>
/// <param name="Fit">The cases fine-tuning (and the normalisation statistics) see.</param>
/// <param name="InnerValidation">Early-stopping cases (empty without early stopping).</param>
/// <param name="HeldOut">The held-out fold's cases, in manifest order.</param>
public sealed record ArmCases(
    IReadOnlyList<PreparedCase> FoldTraining,
    IReadOnlyList<PreparedCase> Subset,
    IReadOnlyList<PreparedCase> Fit,
    IReadOnlyList<PreparedCase> InnerValidation,
    IReadOnlyList<PreparedCase> HeldOut)
{
    /// <summary>Selects <paramref name="arm"/>'s cases from <paramref name="run"/>'s cohort.</summary>
    public static ArmCases Select(ArmRun run, Arm arm)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(arm);
        var seed = new SeedSource((ulong)arm.Seed);
        FoldSplit split = run.Folds.Fold(arm.Fold);
        var trainPatients = new HashSet<string>(split.Train, StringComparer.Ordinal);
        var valPatients = new HashSet<string>(split.Val, StringComparer.Ordinal);
        var byId = run.Data.Cases.ToDictionary(c => c.CaseId, StringComparer.Ordinal);
        var foldTraining = run.Data.Cases.Where(c => trainPatients.Contains(c.PatientId)).ToList();
        var training = foldTraining.Select(c => new TrainingCase(c.PatientId, c.CaseId, c.Phase)).ToList();
        IReadOnlyList<TrainingCase> subset = SubsetOf(arm, training, seed);

        FinetuneSpec finetune = run.Spec.Finetune!;
        IReadOnlyList<TrainingCase> fit = subset;
        IReadOnlyList<TrainingCase> innerVal = [];
        if (finetune.EarlyStopping?.Enabled == true && subset.Select(c => c.PatientId).Distinct().Count() >= 2)
        {
            (fit, innerVal) = SubsetSampler.InnerValidation(subset, finetune.EarlyStopping.ValFraction ?? 0.2, arm.Fold, seed.Derive("inner-validation"));
        }

        List<PreparedCase> Cases(IEnumerable<TrainingCase> cases) => [.. cases.Select(c => byId[c.CaseId])];
        return new ArmCases(foldTraining, Cases(subset), Cases(fit), Cases(innerVal),
            [.. run.Data.Cases.Where(c => valPatients.Contains(c.PatientId))]);
    }

    private static IReadOnlyList<TrainingCase> SubsetOf(Arm arm, IReadOnlyList<TrainingCase> training, SeedSource seed)
    {
        SeedSource subsetSeed = seed.Derive("subset");
        return arm.Subset switch
        {
            "random" when arm.Size == "full" => training,
            "random" => SubsetSampler.Random(training, int.Parse(arm.Size, CultureInfo.InvariantCulture), arm.Fold, subsetSeed),
            "esed" => SubsetSampler.EndDiastoleSystole(training, arm.Fold),
            "volunteers" => SubsetSampler.Volunteers(training, int.Parse(arm.Size, CultureInfo.InvariantCulture), arm.Fold, subsetSeed),
            "matched" => SubsetSampler.Matched(training, MatchedCount(arm, training, subsetSeed), arm.Fold, subsetSeed),
            _ => throw new ArgumentException($"arm {arm.Id}: unknown subset '{arm.Subset}'; expected {string.Join(", ", SpecDefaults.SubsetStrategies)}."),
        };
    }

    // A matched subset has as many random images as the structured subset it is matched to (size token "esed" or "volunteers-k").
    private static int MatchedCount(Arm arm, IReadOnlyList<TrainingCase> training, SeedSource seed) => arm.Size switch
    {
        "esed" => SubsetSampler.EndDiastoleSystole(training, arm.Fold).Count,
        var s when s.StartsWith("volunteers-", StringComparison.Ordinal) =>
            SubsetSampler.Volunteers(training, int.Parse(s["volunteers-".Length..], CultureInfo.InvariantCulture), arm.Fold, seed).Count,
        var s => int.Parse(s, CultureInfo.InvariantCulture),
    };
}
