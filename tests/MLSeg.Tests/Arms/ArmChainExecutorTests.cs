using System.Text.Json.Nodes;
using MLSeg.Arms;
using MLSeg.Experiments.Planning;
using MLSeg.Experiments.Running;
using MLSeg.Experiments.Specs;
using MLSeg.Models.Engine.Serialization;
using MLSeg.TestKit;

namespace MLSeg.Tests.Arms;

/// <summary>
/// The chain executor against the runner's former procedure (<see cref="ProceduralArmReference"/>): the same spec, run
/// twice through <see cref="ExperimentRunner"/>, must give the same results.csv byte for byte, the same checkpoints
/// (weights and preprocessing metadata) and the same normalisation statistics, epochs and best epoch.
/// </summary>
public sealed class ArmChainExecutorTests
{
    // Encoder import (autoencoder), whole-network transfer with head reset (segmentation on natural images, 4 classes →
    // 2), no pretraining; early stopping on an inner validation split; z-score normalisation.
    private const string EarlyStoppingSpec = """
        name: chain-equality-a
        cohort:
          synth: {kind: l3-ct, patients: 6, size: 32, seed: 3}
        preprocessing: {window: soft-tissue, normalization: zscore, resize: 32}
        model: {architecture: unet, depth: 2, base_channels: 4, norm: batch, upsampling: transpose, classes: 2}
        sources:
          - name: none
          - name: autoencoder
            epochs: 1
            batch: 4
          - name: segmentation
            epochs: 1
            batch: 4
            data: {synth: {kind: natural, patients: 8, size: 32, seed: 5}}
        sizes: [2, 3]
        subsets: [random]
        folds: {k: 2, run: [0]}
        seeds: [0]
        finetune:
          epochs: 3
          lr: 1.0e-3
          batch: 2
          early_stopping: {enabled: true, patience: 2, val_fraction: 0.5}
        """;

    // Jigsaw encoder import; epochs scaled by n; flip augmentation; no normalisation; two folds.
    private const string ScaledSpec = """
        name: chain-equality-b
        cohort:
          synth: {kind: l3-ct, patients: 6, size: 32, seed: 4}
        preprocessing: {window: soft-tissue, normalization: none, resize: 32}
        model: {architecture: unet, depth: 2, base_channels: 8, norm: group, upsampling: bilinear, classes: 2}
        sources:
          - name: none
          - name: jigsaw
            epochs: 1
            batch: 4
        sizes: [2]
        subsets: [random]
        folds: {k: 2, run: [0, 1]}
        seeds: [1]
        finetune:
          epochs_scaled_by_n: {base: 2, full_n: 2}
          lr: 1.0e-3
          batch: 2
          augmentation: {flip: true}
        """;

    public static TheoryData<string> Specs => new() { EarlyStoppingSpec, ScaledSpec };

    [NativeTheory]
    [MemberData(nameof(Specs))]
    public void Run_SameSpec_EqualsProceduralReference(string yaml)
    {
        string dir = RepoPaths.NewTempDir("mlseg-arm-chain");
        try
        {
            string specFile = Path.Combine(dir, "spec.yaml");
            File.WriteAllText(specFile, yaml);
            ExperimentSpec spec = SpecParser.ParseFile(specFile);
            string chainRun = Run(spec, dir, "chain", new ArmChainExecutor());
            string referenceRun = Run(spec, dir, "reference", new ProceduralArmReference());

            string results = File.ReadAllText(Path.Combine(chainRun, "results.csv"));
            Assert.True(results.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length > 1, results);
            Assert.Equal(File.ReadAllText(Path.Combine(referenceRun, "results.csv")), results);

            IReadOnlyList<Arm> arms = ExperimentPlanner.Plan(spec);
            Assert.NotEmpty(arms);
            foreach (Arm arm in arms)
            {
                string a = Path.Combine(chainRun, "arms", arm.FolderName), b = Path.Combine(referenceRun, "arms", arm.FolderName);
                var chainHeader = SafeTensors.ReadHeader(Path.Combine(a, ArmChainExecutor.CheckpointFile));
                var referenceHeader = SafeTensors.ReadHeader(Path.Combine(b, "checkpoint.safetensors"));
                Assert.Equal(referenceHeader.Metadata.OrderBy(kv => kv.Key), chainHeader.Metadata.OrderBy(kv => kv.Key));
                Assert.Equal(File.ReadAllBytes(Path.Combine(b, "checkpoint.safetensors")), File.ReadAllBytes(Path.Combine(a, ArmChainExecutor.CheckpointFile)));
                Assert.Equal(File.ReadAllText(Path.Combine(b, "validation", "summary.json")), File.ReadAllText(Path.Combine(a, "validation", "summary.json")));

                JsonNode chain = JsonNode.Parse(File.ReadAllText(Path.Combine(a, "manifest.json")))!;
                JsonNode reference = JsonNode.Parse(File.ReadAllText(Path.Combine(b, "manifest.json")))!;
                foreach (string key in new[] { "trainingImages", "fitImages", "innerValidationImages", "validationCases", "epochsRun", "bestEpoch" })
                {
                    Assert.Equal(reference[key]?.ToJsonString(), chain[key]?.ToJsonString());
                }

                // A CPU run keeps its pixels on the host (DataResidency.Auto).
                Assert.Equal("""{"training":false,"validation":false}""", chain["dataOnDevice"]!.ToJsonString());

                if (spec.Preprocessing!.Normalization == "zscore")
                {
                    Assert.Equal(reference["normalization"]!.ToJsonString(), chain["normalization"]!.ToJsonString());
                }

                Assert.Equal("ml.net-estimator-chain", chain["armExecutor"]!.GetValue<string>());
                Assert.Contains(chain["chain"]!.AsArray(), s => s!["component"]!.GetValue<string>().Contains("Trainers.UNet", StringComparison.Ordinal));
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static string Run(ExperimentSpec spec, string dir, string name, IArmExecutor executor)
    {
        string run = Path.Combine(dir, name);
        var options = new RunnerOptions
        {
            RunDirectory = run,
            CacheDirectory = Path.Combine(dir, name + "-pretrained"),
            Loader = MLSeg.IO.MaskFiles.Readers,
            ArmExecutor = executor,
            WriteReport = false,
        };
        new ExperimentRunner(spec, options).Run();
        return run;
    }
}
