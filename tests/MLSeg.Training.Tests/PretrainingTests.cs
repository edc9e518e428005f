using MLSeg.Core.Errors;
using MLSeg.Core.Imaging;
using MLSeg.Core.Randomness;
using MLSeg.Models.Engine;
using MLSeg.TestKit;
using MLSeg.Training.Data;
using MLSeg.Training.FineTuning;
using MLSeg.Training.Pretraining;
using Xunit.Abstractions;

namespace MLSeg.Training.Tests;

public class PretrainingTests(ITestOutputHelper output)
{
    private static readonly PretrainingOptions Fast = new() { Epochs = 8, BatchSize = 8, LearningRate = 1e-2, Seed = new SeedSource(7) };

    private static List<Image2D> Images(int count, int size, int seed) => TestData.Disks(count, size, seed).Select(s => s.Image).ToList();

    [NativeFact]
    public void PretrainLoop_LossReadOncePerEpoch_SameLossesWeightsAndNonFiniteError()
    {
        // The accelerator path of the pretraining loop (losses read back once per epoch) against the per-step one, on
        // the CPU: a linear regression over 10 samples at batch 4 (a short last batch), then the same with a NaN target.
        (List<double> Losses, float[] Weights) Run(bool everyStep, bool poison = false)
        {
            using var gen = new TorchSharp.torch.Generator(5);
            using TorchSharp.torch.Tensor x = TorchSharp.torch.randn([10, 4], generator: gen);
            using TorchSharp.torch.Tensor y = TorchSharp.torch.randn([10, 1], generator: gen);
            if (poison)
            {
                y[6, 0] = TorchSharp.torch.tensor(float.NaN);
            }

            using var model = TorchSharp.torch.nn.Linear(4, 1);
            using (TorchSharp.torch.no_grad())
            {
                model.weight!.copy_(TorchSharp.torch.full([1, 4], 0.1f));
                model.bias!.zero_();
            }

            var options = Fast with { Epochs = 3, BatchSize = 4 };
            PretrainingResult result = PretrainLoop.Run("test", model.parameters(), 10, (batch, _) =>
            {
                using TorchSharp.torch.Tensor index = TorchSharp.torch.tensor(batch.Select(i => (long)i).ToArray());
                return TorchSharp.torch.nn.functional.mse_loss(model.forward(x.index_select(0, index)), y.index_select(0, index));
            }, options, null, CancellationToken.None, readEveryStep: everyStep);
            return (result.EpochLosses.ToList(), model.weight!.data<float>().ToArray());
        }

        var everyStep = Run(true);
        var perEpoch = Run(false);
        Assert.Equal(everyStep.Losses, perEpoch.Losses);
        Assert.Equal(everyStep.Weights, perEpoch.Weights);
        Assert.True(everyStep.Losses[^1] < everyStep.Losses[0], $"losses {string.Join(", ", everyStep.Losses)}");

        string a = Assert.Throws<TrainingDataException>(() => Run(true, poison: true)).Message;
        string b = Assert.Throws<TrainingDataException>(() => Run(false, poison: true)).Message;
        Assert.Matches(@"^test pretraining loss became NaN at epoch 1, step [1-3];", a);
        Assert.Equal(a, b);
    }

    [NativeFact]
    public void Classification_TwoClasses_LossFallsAndClassifiesTrainingImages()
    {
        // Class 0: disks on noise; class 1: the same images negated, a difference the encoder has to detect.
        var images = Images(8, 16, seed: 1);
        var samples = images.Select(i => new ClassificationSample(i, 0))
            .Concat(images.Select(i => new ClassificationSample(i.WithData(i.Data.Select(v => -v).ToArray()), 1))).ToList();
        using var net = new TinySegNet(1, 2, seed: 1);
        using var pre = new ClassificationPretrainer(net.Encoder, 2, Fast);
        var result = pre.Train(samples);
        output.WriteLine(string.Join(", ", result.EpochLosses));
        Assert.True(result.FinalLoss < 0.5 * result.EpochLosses[0], $"loss {result.EpochLosses[0]} → {result.FinalLoss}");
        int[] predicted = pre.Classify(samples.Select(s => s.Image).ToList());
        Assert.Equal(samples.Select(s => s.ClassIndex), predicted);
    }

    [NativeFact]
    public void Autoencoder_Denoising_LossFallsAndBeatsMeanImageOnHeldOut()
    {
        var train = Images(16, 16, seed: 2);
        var heldOut = Images(4, 16, seed: 3);
        using var net = new TinySegNet(1, 2, seed: 2);
        using var pre = new AutoencoderPretrainer(net.Encoder, Fast with { Epochs = 25 }, new AutoencoderOptions { NoiseStd = 0.1, MaskProbability = 0.1, MaskPatchSize = 4 });
        var result = pre.Train(train);
        Assert.True(result.FinalLoss < 0.5 * result.EpochLosses[0], $"loss {result.EpochLosses[0]} → {result.FinalLoss}");
        var mean = new float[16 * 16];
        foreach (var img in train)
        {
            for (int i = 0; i < mean.Length; i++)
            {
                mean[i] += img.Data[i] / train.Count;
            }
        }

        double aeMse = heldOut.Average(img => Mse(pre.Reconstruct(img).Data, img.Data));
        double meanMse = heldOut.Average(img => Mse(mean, img.Data));
        output.WriteLine($"held-out MSE: autoencoder {aeMse:F4}, mean image {meanMse:F4}");
        Assert.True(aeMse < meanMse, $"autoencoder MSE {aeMse} is not below the mean image's {meanMse}");
    }

    [NativeFact]
    public void Jigsaw_SmallPermutationSet_LossFalls()
    {
        // Saddle images v = s·(x − 24)(y − 24)/576 + noise: after each tile's mean is removed its gradient direction still
        // tells where it came from, so the puzzle is solvable (random disks give tiles without positional cues).
        var rng = new Random(4);
        var images = Enumerable.Range(0, 32).Select(_ =>
        {
            double scale = 0.5 + rng.NextDouble();
            var img = new Image2D(1, 48, 48);
            for (int y = 0; y < 48; y++)
            {
                for (int x = 0; x < 48; x++)
                {
                    img[0, y, x] = (float)((scale * (x - 24) * (y - 24) / 576.0) + (0.05 * (rng.NextDouble() - 0.5)));
                }
            }

            return img;
        }).ToList();
        using var net = new TinySegNet(1, 2, seed: 3);
        using var pre = new JigsawPretrainer(net.Encoder, Fast with { Epochs = 20, LearningRate = 3e-3 }, new JigsawOptions { PermutationCount = 4, TileSize = 12, HiddenUnits = 32 });
        var result = pre.Train(images);
        output.WriteLine(string.Join(", ", result.EpochLosses));
        Assert.True(result.EpochLosses.TakeLast(3).Average() < 0.5 * result.EpochLosses.Take(3).Average(), $"loss {string.Join(", ", result.EpochLosses)}");
    }

    [NativeFact]
    public void Jigsaw_ImagesTooSmallForTiles_ThrowsBeforeTraining()
    {
        using var net = new TinySegNet(1, 2, seed: 3);
        using var pre = new JigsawPretrainer(net.Encoder, Fast, new JigsawOptions { PermutationCount = 4, TileSize = 16 });
        var ex = Assert.Throws<TrainingDataException>(() => pre.Train(Images(2, 32, seed: 1)));
        Assert.Contains("tile size 16 must be smaller than a cell", ex.Message, StringComparison.Ordinal);
    }

    [NativeFact]
    public void Autoencoder_NoImages_ThrowsBeforeTraining()
    {
        using var net = new TinySegNet(1, 2, seed: 3);
        using var pre = new AutoencoderPretrainer(net.Encoder, Fast);
        var ex = Assert.Throws<TrainingDataException>(() => pre.Train([]));
        Assert.Contains("has no images", ex.Message, StringComparison.Ordinal);
    }

    [NativeFact]
    public void Segmentation_ThenLoadNetworkWithHeadReset_KeepsEncoderAndDecoder()
    {
        using var tmp = new TempDir();
        string path = Path.Combine(tmp.Path, "seg.safetensors");
        using var source = new TinySegNet(1, 2, seed: 4);
        var options = new FineTuneOptions { Phases = [new("train", 6, 1e-2, 1e-2)], Seed = new SeedSource(1) };
        var result = SegmentationPretrainer.Train(source, TestData.Dataset(8, 16, seed: 5), options, path);
        Assert.True(result.Log[^1].TrainLoss < result.Log[0].TrainLoss);
        using var target = new TinySegNet(1, 2, seed: 5);
        WeightTransfer.LoadNetwork(target, path, resetHeadClasses: 2);
        var a = FineTuneTrainerTests.Flatten(source);
        var b = FineTuneTrainerTests.Flatten(target);
        Assert.All(a.Keys.Where(k => !k.StartsWith("head.", StringComparison.Ordinal)), k => Assert.Equal(a[k], b[k]));
        Assert.NotEqual(a["head.weight"], b["head.weight"]);
    }

    [NativeFact]
    public void Supervised_FromAnotherEncoder_StartsFromItsWeights()
    {
        using var tmp = new TempDir();
        string encoderPath = Path.Combine(tmp.Path, "ae.safetensors");
        using (var ae = new TinySegNet(1, 2, seed: 6))
        {
            WeightTransfer.SaveEncoder(ae.Encoder, encoderPath);
        }

        using var net = new TinySegNet(1, 2, seed: 7);
        var options = new FineTuneOptions { Phases = [new("frozen", 1, 1e-2, null)], Seed = new SeedSource(2) };
        SegmentationPretrainer.Train(net, TestData.Dataset(4, 16, seed: 6), options, fromEncoderPath: encoderPath);
        using var reference = new TinySegNet(1, 2, seed: 6);
        var a = FineTuneTrainerTests.Flatten(reference);
        var b = FineTuneTrainerTests.Flatten(net);
        Assert.All(a.Keys.Where(k => k.StartsWith("encoder.", StringComparison.Ordinal)), k => Assert.Equal(a[k], b[k]));
    }

    [NativeFact]
    public void LoadNetwork_HeadClassCountDiffers_ThrowsNamingBoth()
    {
        using var tmp = new TempDir();
        string path = Path.Combine(tmp.Path, "three.safetensors");
        using (var three = new TinySegNet(1, 3, seed: 1))
        {
            StateDicts.Save(three, path);
        }

        using var two = new TinySegNet(1, 2, seed: 1);
        var ex = Assert.Throws<SchemaMismatchException>(() => WeightTransfer.LoadNetwork(two, path));
        Assert.Contains("has 3 classes", ex.Message, StringComparison.Ordinal);
        Assert.Contains("target network has 2", ex.Message, StringComparison.Ordinal);
    }

    [NativeFact]
    public void Import_EncoderFile_LoadsAndReportsUnexpectedKeys()
    {
        using var tmp = new TempDir();
        string path = Path.Combine(tmp.Path, "net.safetensors");
        using (var source = new TinySegNet(1, 2, seed: 8))
        {
            StateDicts.Save(source, path);
        }

        using var target = new TinySegNet(1, 2, seed: 9);
        var report = WeightTransfer.Import(target.Encoder, path, new ImportOptions { StripPrefix = string.Empty, Renames = [new("encoder.", string.Empty)] });
        Assert.Empty(report.MissingKeys);
        Assert.Empty(report.ShapeMismatches);
        Assert.Contains("head.weight", report.UnexpectedKeys);
        Assert.Equal(StateDicts.Of(target.Encoder).Count, report.LoadedKeys.Count);
    }

    [NativeFact]
    public void Import_TorchSharpDatFile_LoadsTheSavedWeights()
    {
        using var tmp = new TempDir();
        string path = Path.Combine(tmp.Path, "encoder.dat");
        using (var source = new TinySegNet(1, 2, seed: 10))
        {
            source.Encoder.save(path); // TorchSharp's own format, as a user's TorchSharp code writes it
        }

        using var target = new TinySegNet(1, 2, seed: 11);
        var report = WeightTransfer.LoadEncoder(target.Encoder, path);
        Assert.True(report.IsExact);
        using var reference = new TinySegNet(1, 2, seed: 10);
        var a = FineTuneTrainerTests.Flatten(reference.Encoder);
        var b = FineTuneTrainerTests.Flatten(target.Encoder);
        Assert.NotEmpty(a);
        Assert.All(a.Keys, k => Assert.Equal(a[k], b[k]));
    }

    [NativeFact]
    public void Import_TruncatedDatFile_ThrowsNamingTheOffset()
    {
        using var tmp = new TempDir();
        string path = Path.Combine(tmp.Path, "encoder.dat");
        using (var source = new TinySegNet(1, 2, seed: 10))
        {
            source.Encoder.save(path);
        }

        byte[] bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length - 10)]);
        using var target = new TinySegNet(1, 2, seed: 11);
        var before = FineTuneTrainerTests.Flatten(target);
        var ex = Assert.Throws<SchemaMismatchException>(() => WeightTransfer.LoadEncoder(target.Encoder, path));
        Assert.Contains("not a TorchSharp state dict", ex.Message, StringComparison.Ordinal);
        Assert.Matches(@"at byte \d+ the file ", ex.Message);
        var after = FineTuneTrainerTests.Flatten(target);
        Assert.All(before.Keys, k => Assert.Equal(before[k], after[k]));
    }

    [NativeFact]
    public void Import_TensorsDoNotFit_ThrowsBeforeCopying()
    {
        using var tmp = new TempDir();
        string path = Path.Combine(tmp.Path, "rgb.safetensors");
        using (var rgb = new TinySegNet(3, 2, seed: 1))
        {
            WeightTransfer.SaveEncoder(rgb.Encoder, path);
        }

        using var gray = new TinySegNet(1, 2, seed: 2);
        var before = FineTuneTrainerTests.Flatten(gray);
        var ex = Assert.Throws<SchemaMismatchException>(() => WeightTransfer.Import(gray.Encoder, path));
        Assert.Contains("stage1.0.weight: encoder [8, 1, 3, 3], file [8, 3, 3, 3]", ex.Message, StringComparison.Ordinal);
        var after = FineTuneTrainerTests.Flatten(gray);
        Assert.All(before.Keys, k => Assert.Equal(before[k], after[k]));
    }

    [Theory]
    [InlineData("none", PretrainingStrategy.None)]
    [InlineData("classification", PretrainingStrategy.Classification)]
    [InlineData("segmentation", PretrainingStrategy.Segmentation)]
    [InlineData("autoencoder", PretrainingStrategy.Autoencoder)]
    [InlineData("jigsaw", PretrainingStrategy.Jigsaw)]
    [InlineData("supervised", PretrainingStrategy.Supervised)]
    [InlineData("import", PretrainingStrategy.Import)]
    public void Parse_KnownName_RoundTrips(string name, PretrainingStrategy expected)
    {
        Assert.Equal(expected, PretrainingStrategies.Parse(name));
        Assert.Equal(name, PretrainingStrategies.Name(expected));
    }

    [Fact]
    public void Parse_UnknownName_ListsValidNames()
    {
        var ex = Assert.Throws<ArgumentException>(() => PretrainingStrategies.Parse("simclr"));
        Assert.Contains("'simclr'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("none, classification, segmentation, autoencoder, jigsaw, supervised, import", ex.Message, StringComparison.Ordinal);
    }

    private static double Mse(float[] a, float[] b) => a.Zip(b, (x, y) => (double)(x - y) * (x - y)).Average();
}
