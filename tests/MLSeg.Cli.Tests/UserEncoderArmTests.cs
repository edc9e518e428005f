using System.Globalization;
using MLSeg.Experiments.Running;
using MLSeg.Experiments.Specs;
using MLSeg.Models;
using MLSeg.Models.Contracts;
using MLSeg.Models.Engine.Serialization;
using MLSeg.TestKit;
using MLSeg.TestKit.EncoderPlugin;
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
    private const string EncoderName = PlainEncoderProvider.Name;

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

    [NativeFact]
    public void Cli_EncoderAssemblyInMlsegEncoders_RunsTheGrid_AndWithoutItTheSpecIsRefused()
    {
        // What a Slurm task inherits: MLSEG_ENCODERS names the user's assembly, whose IEncoderProvider registers the encoder.
        string plugin = typeof(PlainEncoderProvider).Assembly.Location;
        string dir = RepoPaths.NewTempDir();
        try
        {
            string spec = Path.Combine(dir, "spec.yaml");
            File.WriteAllText(spec, Spec);
            var withPlugin = new Dictionary<string, string?> { [EncoderRegistry.AssembliesVariable] = plugin };
            // A relative path (the CLI runs in the repository root) is rewritten absolute for the processes it starts.
            var relative = new Dictionary<string, string?> { [EncoderRegistry.AssembliesVariable] = Path.GetRelativePath(RepoPaths.Root, plugin) };
            var (code, stdout, stderr) = CliProcess.RunWith(relative, "version");
            Assert.True(code == 0, stderr);
            Assert.Contains($"encoders: {EncoderName} (MLSEG_ENCODERS={plugin})", stdout, StringComparison.Ordinal);

            string run = Path.Combine(dir, "run");
            (code, _, stderr) = CliProcess.RunWith(withPlugin, "run", spec, "--out", run, "--cache", Path.Combine(dir, "cache"), "--no-report", "--progress", "plain");
            Assert.True(code == 0, stderr);
            string[] checkpoints = Directory.GetFiles(run, MLSeg.Arms.ArmChainExecutor.CheckpointFile, SearchOption.AllDirectories);
            Assert.Equal(2, checkpoints.Length);
            Assert.All(checkpoints, c => Assert.Contains("encoder.stage2.0.weight", SafeTensors.ReadHeader(c).Entries.Select(e => e.Name)));

            (code, _, stderr) = CliProcess.RunWith(new Dictionary<string, string?> { [EncoderRegistry.AssembliesVariable] = null }, "plan", spec);
            Assert.Equal(1, code);
            Assert.Contains("'plain-torchsharp-test' for 'model.encoder'", stderr, StringComparison.Ordinal);
            Assert.Contains("MLSEG_ENCODERS naming an assembly with an IEncoderProvider", stderr, StringComparison.Ordinal);

            string missing = Path.Combine(dir, "no-such-encoders.dll");
            (code, _, stderr) = CliProcess.RunWith(new Dictionary<string, string?> { [EncoderRegistry.AssembliesVariable] = missing }, "plan", spec);
            Assert.Equal(1, code);
            Assert.Contains($"MLSEG_ENCODERS: Encoder assembly '{missing}' does not exist.", stderr, StringComparison.Ordinal);

            // An assembly without a provider is named, too.
            string noProvider = typeof(RepoPaths).Assembly.Location;
            (code, _, stderr) = CliProcess.RunWith(new Dictionary<string, string?> { [EncoderRegistry.AssembliesVariable] = noProvider }, "plan", spec);
            Assert.Equal(1, code);
            Assert.Contains("defines no public class implementing MLSeg.Models.IEncoderProvider", stderr, StringComparison.Ordinal);
        }
        finally
        {
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
