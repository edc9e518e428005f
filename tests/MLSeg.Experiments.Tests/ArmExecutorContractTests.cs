using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using MLSeg.Experiments.Planning;
using MLSeg.Experiments.Running;
using MLSeg.Experiments.Specs;
using MLSeg.ImageIO;
using MLSeg.TestKit;
using MLSeg.Training.FineTuning;

namespace MLSeg.Experiments.Tests;

/// <summary>
/// The runner's side of <see cref="IArmExecutor"/>: each pending arm is handed over once with the run's shared state,
/// the executor's name lands in the arm's manifest.json, a run with pending arms and no executor fails before any arm,
/// and <see cref="ArmCases"/> selects the arm's rows without crossing the fold.
/// </summary>
public sealed class ArmExecutorContractTests
{
    private const string Spec = """
        name: contract
        cohort:
          synth: {kind: l3-ct, patients: 6, size: 32, seed: 3}
        preprocessing: {window: soft-tissue, normalization: zscore, resize: 32}
        model: {architecture: unet, depth: 2, base_channels: 4, norm: batch, upsampling: transpose, classes: 2}
        sources:
          - name: none
        sizes: [2, 3]
        subsets: [random]
        folds: {k: 2, run: [0, 1]}
        seeds: [0]
        finetune: {epochs: 1, batch: 2, early_stopping: {enabled: true, patience: 1, val_fraction: 0.5}}
        """;

    [NativeFact]
    public void Run_HandsEachPendingArmToTheExecutorOnce_AndRecordsItsName()
    {
        string dir = RepoPaths.NewTempDir("mlseg-arm-contract");
        try
        {
            ExperimentSpec spec = Write(dir);
            var executor = new RecordingExecutor();
            new ExperimentRunner(spec, Options(dir) with { ArmExecutor = executor, Jobs = 2 }).Run();

            IReadOnlyList<Arm> plan = ExperimentPlanner.Plan(spec);
            Assert.Equal(plan.Select(a => a.Id).Order(), executor.Calls.Keys.Order());
            foreach (Arm arm in plan)
            {
                ArmCases cases = executor.Calls[arm.Id];
                var heldOutPatients = cases.HeldOut.Select(c => c.PatientId).ToHashSet();
                Assert.Equal(int.Parse(arm.Size, System.Globalization.CultureInfo.InvariantCulture), cases.Subset.Count);
                Assert.Equal(cases.Subset.Select(c => c.CaseId).Order(), cases.Fit.Concat(cases.InnerValidation).Select(c => c.CaseId).Order());
                Assert.NotEmpty(cases.InnerValidation); // early stopping with ≥ 2 subset patients
                Assert.DoesNotContain(cases.FoldTraining, c => heldOutPatients.Contains(c.PatientId));
                Assert.Equal(6, cases.FoldTraining.Count + cases.HeldOut.Count);

                JsonNode manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "run", "arms", arm.FolderName, "manifest.json")))!;
                Assert.Equal("recording", manifest["armExecutor"]!.GetValue<string>());
                Assert.Equal(arm.Id, manifest["seen"]!.GetValue<string>());
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [NativeFact]
    public void Run_PendingArmsWithoutExecutor_FailsNamingTheOption()
    {
        string dir = RepoPaths.NewTempDir("mlseg-arm-contract");
        try
        {
            var ex = Assert.Throws<InvalidOperationException>(() => new ExperimentRunner(Write(dir), Options(dir)).Run());
            Assert.Contains("RunnerOptions.ArmExecutor", ex.Message, StringComparison.Ordinal);
            Assert.Contains("4 arm(s)", ex.Message, StringComparison.Ordinal);
            Assert.False(Directory.Exists(Path.Combine(dir, "run", "arms")) && Directory.EnumerateDirectories(Path.Combine(dir, "run", "arms")).Any());
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static ExperimentSpec Write(string dir)
    {
        string file = Path.Combine(dir, "contract.yaml");
        File.WriteAllText(file, Spec);
        return SpecParser.ParseFile(file);
    }

    private static RunnerOptions Options(string dir) => new()
    {
        RunDirectory = Path.Combine(dir, "run"),
        CacheDirectory = Path.Combine(dir, "pretrained"),
        Loader = new ImageLoader(new CohortDataCacheTests.TestDicomReader()),
        WriteReport = false,
    };

    private sealed class RecordingExecutor : IArmExecutor
    {
        public ConcurrentDictionary<string, ArmCases> Calls { get; } = new();

        public string Name => "recording";

        public (IReadOnlyList<ResultRow> Rows, JsonObject Details) Run(ArmRun run, Arm arm, string armDir, IProgress<TrainingProgress>? progress)
        {
            Assert.True(Directory.Exists(armDir));
            Assert.True(Calls.TryAdd(arm.Id, ArmCases.Select(run, arm)), $"arm {arm.Id} was handed over twice");
            return ([], new JsonObject { ["seen"] = arm.Id });
        }
    }
}
