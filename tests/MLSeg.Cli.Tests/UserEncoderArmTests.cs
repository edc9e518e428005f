using System.Globalization;
using MLSeg.Experiments.Running;
using MLSeg.Experiments.Specs;
using MLSeg.Models;
using MLSeg.Models.Contracts;
using MLSeg.Models.Engine.Serialization;
using MLSeg.TestKit;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLSeg.Cli.Tests;

/// <summary>
/// An encoder written with plain TorchSharp modules, registered by name, runs inside the arms of an experiment grid
/// whose spec names it in <c>model.encoder</c>.
/// </summary>
public class UserEncoderArmTests
{
    private const string EncoderName = "plain-torchsharp-test";

    private const string Spec = """
        name: user-encoder
        cohort:
          synth: {kind: l3-ct, patients: 6, size: 32, seed: 3}
        preprocessing: {window: soft-tissue, normalization: zscore, resize: 32}
        model: {architecture: unet, encoder: plain-torchsharp-test, norm: batch, upsampling: transpose, classes: 2}
        sources:
          - name: none
        sizes: [2, 3]
        subsets: [random]
        folds: {k: 2, run: [0]}
        seeds: [0]
        finetune: {epochs: 4, lr: 3.0e-3, batch: 2}
        """;

    // Two stages (strides 1 and 2) of Conv2d → BatchNorm2d → ReLU, as a notebook user writes them.
    private sealed class PlainEncoder : Encoder
    {
        private readonly Sequential stage1;
        private readonly Sequential stage2;

        public PlainEncoder(long inChannels) : base(nameof(PlainEncoder))
        {
            InChannels = inChannels;
            stage1 = nn.Sequential(nn.Conv2d(inChannels, 8, 3, padding: 1), nn.BatchNorm2d(8), nn.ReLU());
            stage2 = nn.Sequential(nn.Conv2d(8, 16, 3, stride: 2, padding: 1), nn.BatchNorm2d(16), nn.ReLU());
            register_module("stage1", stage1);
            register_module("stage2", stage2);
        }

        public override long InChannels { get; }

        public override IReadOnlyList<long> StageChannels { get; } = [8, 16];

        public override IReadOnlyList<int> StageStrides { get; } = [1, 2];

        public override IReadOnlyList<Tensor> forward(Tensor input)
        {
            Tensor a = stage1.forward(input);
            return [a, stage2.forward(a)];
        }
    }

    [NativeFact]
    public void Grid_WithRegisteredPlainTorchSharpEncoder_TrainsEveryArm()
    {
        ModelFactory.RegisterEncoder(EncoderName, (config, generator) => new PlainEncoder(config.InChannels));
        string dir = RepoPaths.NewTempDir();
        try
        {
            string specPath = Path.Combine(dir, "spec.yaml");
            File.WriteAllText(specPath, Spec);
            ExperimentSpec spec = SpecParser.ParseFile(specPath);
            string run = Path.Combine(dir, "run");
            var options = new RunnerOptions
            {
                RunDirectory = run,
                CacheDirectory = Path.Combine(dir, "cache"),
                PreprocessedCacheDirectory = Path.Combine(dir, "preprocessed"),
                Loader = MLSeg.IO.MaskFiles.Readers,
                WriteReport = false,
                ArmExecutor = new MLSeg.Arms.ArmChainExecutor(),
            };
            var (ran, skipped) = new ExperimentRunner(spec, options).Run();
            Assert.Equal((2, 0), (ran, skipped));

            string[] lines = File.ReadAllLines(Path.Combine(run, "results.csv"));
            int dice = Array.IndexOf(lines[0].Split(','), "dice");
            double[] scores = lines.Skip(1).Select(l => double.Parse(l.Split(',')[dice], CultureInfo.InvariantCulture)).ToArray();
            Assert.NotEmpty(scores);
            Assert.All(scores, d => Assert.InRange(d, 0, 1));
            Assert.Contains(scores, d => d > 0);

            // Every arm's checkpoint holds the user encoder's own parameters under the U-Net's "encoder." prefix.
            string[] checkpoints = Directory.GetFiles(run, MLSeg.Arms.ArmChainExecutor.CheckpointFile, SearchOption.AllDirectories);
            Assert.Equal(2, checkpoints.Length);
            foreach (string checkpoint in checkpoints)
            {
                var names = SafeTensors.ReadHeader(checkpoint).Entries.Select(e => e.Name).ToHashSet(StringComparer.Ordinal);
                Assert.Contains("encoder.stage1.0.weight", names);
                Assert.Contains("encoder.stage1.1.running_mean", names);
                Assert.Contains("encoder.stage2.0.weight", names);
            }
        }
        finally
        {
            EncoderRegistry.Unregister(EncoderName);
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Spec_UnknownEncoder_FailsNamingFieldValueAndChoices()
    {
        ModelFactory.RegisterEncoder("plain-torchsharp-listed", (config, generator) => new PlainEncoder(config.InChannels));
        try
        {
            string yaml = Spec.Replace("encoder: plain-torchsharp-test", "encoder: no-such-encoder", StringComparison.Ordinal);
            var ex = Assert.Throws<ExperimentSpecException>(() => SpecParser.Parse(yaml, "spec.yaml"));
            Assert.Contains("model.encoder", ex.Message, StringComparison.Ordinal);
            Assert.Contains("'no-such-encoder'", ex.Message, StringComparison.Ordinal);
            Assert.Contains("plain-torchsharp-listed", ex.Message, StringComparison.Ordinal);
            Assert.Contains("unet, resnet18, resnet34", ex.Message, StringComparison.Ordinal);

            string resnet = Spec.Replace("architecture: unet, encoder: plain-torchsharp-test", "architecture: resnet18-unet, encoder: plain-torchsharp-listed", StringComparison.Ordinal);
            ex = Assert.Throws<ExperimentSpecException>(() => SpecParser.Parse(resnet, "spec.yaml"));
            Assert.Contains("needs model.architecture 'unet'", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            EncoderRegistry.Unregister("plain-torchsharp-listed");
        }
    }
}
