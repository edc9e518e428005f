using System.Text.Json.Nodes;
using MLSeg.Experiments.Planning;
using MLSeg.Training.FineTuning;

namespace MLSeg.Experiments.Running;

/// <summary>
/// Runs one arm of a grid end to end (select its cases, fit, evaluate the held-out fold) and writes its files into the
/// arm folder: <c>train_log.csv</c>, checkpoints, <c>validation/summary.json</c>, overlays. <see cref="ExperimentRunner"/>
/// calls it once per pending arm, possibly from several threads at once (<see cref="RunnerOptions.Jobs"/>), so an
/// implementation keeps no per-arm state of its own. MLSeg's implementation (the facade's <c>ArmChainExecutor</c>) builds
/// each arm as an ML.NET estimator chain; this interface lets the runner, which cannot reference the facade, call it.
/// </summary>
public interface IArmExecutor
{
    /// <summary>What runs the arms, recorded in each arm's manifest.json (<c>armExecutor</c>).</summary>
    string Name { get; }

    /// <summary>
    /// Runs <paramref name="arm"/> of <paramref name="run"/> into the (existing, empty) folder <paramref name="armDir"/>;
    /// returns the arm's result rows (one per held-out case and label) and details for its manifest.json.
    /// </summary>
    (IReadOnlyList<ResultRow> Rows, JsonObject Details) Run(ArmRun run, Arm arm, string armDir, IProgress<TrainingProgress>? progress);
}
