using System.Globalization;
using MLSeg.Core.Imaging;
using MLSeg.Core.Randomness;
using MLSeg.Models;
using MLSeg.Models.Contracts;
using MLSeg.Models.Engine;
using MLSeg.TestKit;
using MLSeg.Training.Data;
using MLSeg.Training.FineTuning;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace MLSeg.Training.Tests;

public class FineTuneTrainerTests(ITestOutputHelper output)
{
    private static FineTuneOptions Options(IReadOnlyList<TrainingPhase> phases, string? dir = null) => new()
    {
        Phases = phases,
        BatchSize = 4,
        Seed = new SeedSource(42),
        OutputDirectory = dir,
    };

    [NativeFact]
    public void Train_DiskImages_LossFallsAndValidationDiceHigh()
    {
        using var tmp = new TempDir();
        using var net = new TinySegNet(1, 2, seed: 1);
        var before = Flatten(net);
        var trainer = new FineTuneTrainer(Options([new("train", 12, 1e-2, 1e-2)], tmp.Path));
        var result = trainer.Train(net, TestData.Dataset(16, 16, seed: 1), TestData.Dataset(8, 16, seed: 2, "validation"));
        var after = Flatten(net);
        foreach (var row in result.Log)
        {
            output.WriteLine(row.ToCsv());
        }

        Assert.Equal(12, result.EpochsRun);
        Assert.True(result.Log[^1].TrainLoss < 0.6 * result.Log[0].TrainLoss, $"train loss {result.Log[0].TrainLoss} → {result.Log[^1].TrainLoss}");
        Assert.True(result.BestValDice > 0.8, $"best validation Dice {result.BestValDice}");
        string[] lines = File.ReadAllLines(Path.Combine(tmp.Path, FineTuneTrainer.LogFile));
        Assert.Equal("epoch,phase,train_loss,val_loss,val_dice,lr,seconds", lines[0]);
        Assert.Equal(13, lines.Length);
        Assert.StartsWith("12,train,", lines[12], StringComparison.Ordinal);

        // The user-defined encoder (TorchSharp's own nn.Conv2d / nn.BatchNorm2d) is trained along with MLSeg's decoder.
        Assert.IsType<TorchSharp.Modules.Conv2d>(net.Encoder.named_modules().Single(m => m.name == "stage1.0").module);
        Assert.All(before.Keys.Where(k => k.StartsWith("encoder.", StringComparison.Ordinal) && k.EndsWith("weight", StringComparison.Ordinal)),
            k => Assert.False(before[k].AsSpan().SequenceEqual(after[k]), $"{k} did not change"));
    }

    [NativeFact]
    public void Train_BFloat16OnCpu_LearnsAsWellAsFloat32()
    {
        // MLSeg's own U-Net: every convolution computes in the run's precision (TinySegNet's encoder is TorchSharp's layers).
        FineTuneResult Run(TrainingPrecision precision)
        {
            using Generator g = new(1);
            using SegmentationNetwork net = ModelFactory.Create(new ModelConfig { Depth = 2, BaseChannels = 8 }, g);
            var trainer = new FineTuneTrainer(Options([new("train", 12, 1e-2, 1e-2)]) with { Precision = precision });
            return trainer.Train(net, TestData.Dataset(16, 16, seed: 1), TestData.Dataset(8, 16, seed: 2, "validation"));
        }

        FineTuneResult full = Run(TrainingPrecision.Float32);
        FineTuneResult mixed = Run(TrainingPrecision.BFloat16);
        output.WriteLine($"float32 loss {full.Log[0].TrainLoss} → {full.Log[^1].TrainLoss}, Dice {full.BestValDice}");
        output.WriteLine($"bfloat16 loss {mixed.Log[0].TrainLoss} → {mixed.Log[^1].TrainLoss}, Dice {mixed.BestValDice}");

        // Same seed and data: the mixed-precision run is a different computation (not bit-identical) that learns as well.
        Assert.NotEqual(full.Log[^1].TrainLoss, mixed.Log[^1].TrainLoss);
        Assert.True(mixed.Log[^1].TrainLoss < 0.6 * mixed.Log[0].TrainLoss, $"bfloat16 train loss {mixed.Log[0].TrainLoss} → {mixed.Log[^1].TrainLoss}");
        Assert.True(mixed.BestValDice > 0.8, $"bfloat16 best validation Dice {mixed.BestValDice}");
        Assert.True(mixed.BestValDice >= full.BestValDice - 0.05, $"bfloat16 best Dice {mixed.BestValDice} vs float32 {full.BestValDice}");
        Assert.Null(ComputePrecision.Current);
    }

    [NativeFact]
    public void Validate_Float16OnCpu_NamesPrecisionAndDevice()
    {
        var options = Options([new("train", 1, 1e-2, 1e-2)]) with { Precision = TrainingPrecision.Float16 };
        var ex = Assert.Throws<ArgumentException>(() => options.Validate(2));
        Assert.Contains("float16", ex.Message, StringComparison.Ordinal);
        Assert.Contains("cpu", ex.Message, StringComparison.Ordinal);
    }

    [NativeFact]
    public void Train_FrozenPhase_EncoderBitIdenticalDecoderChanged()
    {
        using var net = new TinySegNet(1, 2, seed: 2);
        var before = Flatten(net);
        var trainer = new FineTuneTrainer(Options([new("frozen", 2, 1e-2, null)]));
        trainer.Train(net, TestData.Dataset(8, 16, seed: 3));
        var after = Flatten(net);
        foreach (var (key, value) in before)
        {
            if (key.StartsWith("encoder.", StringComparison.Ordinal))
            {
                Assert.True(value.AsSpan().SequenceEqual(after[key]), $"{key} changed in the frozen phase");
            }
        }

        Assert.Contains(before.Keys, k => k.StartsWith("encoder.stage2.1.running_mean", StringComparison.Ordinal));
        Assert.All(before.Keys.Where(k => k.StartsWith("decoder.", StringComparison.Ordinal) && k.EndsWith("weight", StringComparison.Ordinal)),
            k => Assert.False(before[k].AsSpan().SequenceEqual(after[k]), $"{k} did not change"));
    }

    public static TheoryData<TrainingPrecision, MemoryFormat> ResumeSettings => new()
    {
        { TrainingPrecision.Float32, MemoryFormat.Contiguous },
        { TrainingPrecision.BFloat16, MemoryFormat.ChannelsLast },
    };

    [NativeTheory]
    [MemberData(nameof(ResumeSettings))]
    public void Train_ResumeMidPhase_IdenticalToStraightRun(TrainingPrecision precision, MemoryFormat format)
    {
        // Dropout with its own generator: the resumed run only matches when that generator is re-seeded per epoch.
        IReadOnlyList<TrainingPhase> phases = FineTuneOptions.FrozenThenUnfrozen(1, 1e-2, 3, 1e-3);
        var train = TestData.Dataset(8, 16, seed: 4);
        var val = TestData.Dataset(4, 16, seed: 5, "validation");
        FineTuneOptions Settings(string dir) => Options(phases, dir) with { Schedule = ScheduleKind.Cosine, RestoreBest = false, Precision = precision, MemoryFormat = format };
        using var straightDir = new TempDir();
        using var resumedDir = new TempDir();
        using var straight = new TinySegNet(1, 2, seed: 3, dropout: 0.2);
        var straightResult = new FineTuneTrainer(Settings(straightDir.Path)).Train(straight, train, val);

        using (var first = new TinySegNet(1, 2, seed: 3, dropout: 0.2))
        {
            var partial = new FineTuneTrainer(Settings(resumedDir.Path) with { StopAfterEpochs = 3 }).Train(first, train, val);
            Assert.True(partial.Interrupted);
            Assert.Equal(3, partial.EpochsRun);
        }

        using var resumed = new TinySegNet(1, 2, seed: 99, dropout: 0.2);
        var resumedResult = new FineTuneTrainer(Settings(resumedDir.Path)).Train(resumed, train, val, resume: true);
        Assert.Equal(4, resumedResult.EpochsRun);
        var a = Flatten(straight);
        var b = Flatten(resumed);
        Assert.Equal(a.Keys.Order(), b.Keys.Order());
        foreach (var (key, value) in a)
        {
            Assert.True(value.AsSpan().SequenceEqual(b[key]), $"{key} differs after resume");
        }

        Assert.Equal(straightResult.Log.Select(r => r.TrainLoss), resumedResult.Log.Select(r => r.TrainLoss));
        Assert.Equal(straightResult.Log.Select(r => r.LearningRate), resumedResult.Log.Select(r => r.LearningRate));
        Assert.Equal(File.ReadAllLines(Path.Combine(straightDir.Path, FineTuneTrainer.LogFile)).Select(l => l[..l.LastIndexOf(',')]),
            File.ReadAllLines(Path.Combine(resumedDir.Path, FineTuneTrainer.LogFile)).Select(l => l[..l.LastIndexOf(',')]));
    }

    [NativeFact]
    public void Train_SameSeedTwice_BitIdenticalAndAnotherSeedDiffers()
    {
        (Dictionary<string, float[]> Weights, FineTuneResult Result) Run(ulong seed)
        {
            using var net = new TinySegNet(1, 2, seed: 3, dropout: 0.3);
            var options = Options([new("train", 3, 1e-2, 1e-2)]) with { Seed = new SeedSource(seed), Augmenter = new FlipAugmenter() };
            FineTuneResult result = new FineTuneTrainer(options).Train(net, TestData.Dataset(8, 16, seed: 4), TestData.Dataset(4, 16, seed: 5, "validation"));
            return (Flatten(net), result);
        }

        var first = Run(42);
        var second = Run(42);
        var other = Run(43);
        Assert.Equal(first.Result.Log.Select(r => (r.TrainLoss, r.ValLoss, r.ValDice)), second.Result.Log.Select(r => (r.TrainLoss, r.ValLoss, r.ValDice)));
        Assert.All(first.Weights.Keys, k => Assert.True(first.Weights[k].AsSpan().SequenceEqual(second.Weights[k]), $"{k} differs between two runs with one seed"));
        Assert.NotEqual(first.Result.Log[^1].TrainLoss, other.Result.Log[^1].TrainLoss);
    }

    public static TheoryData<TrainingPrecision, MemoryFormat, bool> ResidencySettings => new()
    {
        { TrainingPrecision.Float32, MemoryFormat.Contiguous, false },
        { TrainingPrecision.BFloat16, MemoryFormat.ChannelsLast, false },
        { TrainingPrecision.Float32, MemoryFormat.Contiguous, true },
    };

    [NativeTheory]
    [MemberData(nameof(ResidencySettings))]
    public void Train_DataOnDevice_SameWeightsAndLogAsHostBatches(TrainingPrecision precision, MemoryFormat format, bool augmented)
    {
        // 10 training and 5 validation images at batch 4: the gathered and viewed batches include a short last one.
        var train = TestData.Dataset(10, 16, seed: 12);
        var val = TestData.Dataset(5, 16, seed: 13, "validation");
        (Dictionary<string, float[]> Weights, FineTuneResult Result) Run(DataResidency residency)
        {
            using var net = new TinySegNet(1, 2, seed: 3, dropout: 0.2);
            var options = Options([new("train", 3, 1e-2, 1e-2)]) with
            {
                DataResidency = residency, Precision = precision, MemoryFormat = format, Augmenter = augmented ? new FlipAugmenter() : null,
            };
            FineTuneResult result = new FineTuneTrainer(options).Train(net, train, val);
            return (Flatten(net), result);
        }

        var host = Run(DataResidency.Host);
        var device = Run(DataResidency.Device);
        var auto = Run(DataResidency.Auto);
        Assert.False(host.Result.TrainingDataOnDevice || host.Result.ValidationDataOnDevice);
        Assert.False(auto.Result.TrainingDataOnDevice || auto.Result.ValidationDataOnDevice); // Auto keeps a CPU run's data where it is
        Assert.Equal(!augmented, device.Result.TrainingDataOnDevice); // augmentation runs on host images
        Assert.True(device.Result.ValidationDataOnDevice);
        Assert.Equal(host.Result.Log.Select(r => (r.TrainLoss, r.ValLoss, r.ValDice)), device.Result.Log.Select(r => (r.TrainLoss, r.ValLoss, r.ValDice)));
        Assert.Equal(host.Result.BestEpoch, device.Result.BestEpoch);
        Assert.All(host.Weights.Keys, k => Assert.True(host.Weights[k].AsSpan().SequenceEqual(device.Weights[k]), $"{k} differs between host and device-resident data"));
        Assert.NotEqual(host.Result.Log[0].TrainLoss, host.Result.Log[^1].TrainLoss);
    }

    [NativeTheory]
    [InlineData(false)]
    [InlineData(true)]
    public void Train_LossReadOncePerEpoch_SameWeightsLogAndProgressAsEveryStep(bool augmented)
    {
        // The accelerator path (losses kept on the device, read back at the end of each epoch) run on the CPU.
        var train = TestData.Dataset(10, 16, seed: 14);
        var val = TestData.Dataset(4, 16, seed: 15, "validation");
        (Dictionary<string, float[]> Weights, FineTuneResult Result, List<TrainingProgress> Events) Run(bool everyStep)
        {
            using var net = new TinySegNet(1, 2, seed: 3, dropout: 0.2);
            var events = new List<TrainingProgress>();
            var options = Options(FineTuneOptions.FrozenThenUnfrozen(1, 1e-2, 2, 1e-3)) with { Augmenter = augmented ? new FlipAugmenter() : null };
            var trainer = new FineTuneTrainer(options, new SyncProgress<TrainingProgress>(events.Add)) { ReadLossEveryStep = everyStep };
            FineTuneResult result = trainer.Train(net, train, val);
            return (Flatten(net), result, events);
        }

        var everyStep = Run(true);
        var perEpoch = Run(false);
        Assert.Equal(everyStep.Result.Log.Select(r => (r.TrainLoss, r.ValLoss, r.ValDice)), perEpoch.Result.Log.Select(r => (r.TrainLoss, r.ValLoss, r.ValDice)));
        Assert.All(everyStep.Weights.Keys, k => Assert.True(everyStep.Weights[k].AsSpan().SequenceEqual(perEpoch.Weights[k]), $"{k} differs"));
        Assert.Equal(everyStep.Events.Select(e => (e.Epoch, e.Step, e.EndOfEpoch)), perEpoch.Events.Select(e => (e.Epoch, e.Step, e.EndOfEpoch)));
        Assert.All(everyStep.Events.Where(e => !e.EndOfEpoch), e => Assert.True(double.IsFinite(e.Loss)));
        Assert.All(perEpoch.Events.Where(e => !e.EndOfEpoch), e => Assert.True(double.IsNaN(e.Loss)));
        Assert.Equal(everyStep.Events.Where(e => e.EndOfEpoch).Select(e => e.Loss), perEpoch.Events.Where(e => e.EndOfEpoch).Select(e => e.Loss));
    }

    [NativeFact]
    public void Train_NonFiniteLoss_NamesTheSameEpochAndStepWhetherReadEveryStepOrPerEpoch()
    {
        // One training image with a NaN pixel: the step that batches it is the first with a non-finite loss.
        List<SegmentationSample> samples = TestData.Disks(10, 16, seed: 16);
        var poisoned = new Image2D(1, 16, 16, [.. samples[7].Image.Data]);
        poisoned[0, 5, 5] = float.NaN;
        samples[7] = new SegmentationSample(poisoned, samples[7].Labels);
        var train = new SegmentationDataset(samples, "training");
        string Message(bool everyStep)
        {
            using var tmp = new TempDir();
            using var net = new TinySegNet(1, 2, seed: 3);
            var trainer = new FineTuneTrainer(Options([new("train", 2, 1e-2, 1e-2)], tmp.Path)) { ReadLossEveryStep = everyStep };
            var error = Assert.Throws<TrainingDataException>(() => trainer.Train(net, train));
            Assert.False(Directory.Exists(Path.Combine(tmp.Path, "checkpoints", "last")), "a checkpoint was written for the failed epoch");
            return error.Message;
        }

        string everyStep = Message(true);
        Assert.Matches(@"^Training loss became NaN at epoch 1, step [1-3] \(phase 'train'\)", everyStep);
        Assert.Equal(everyStep, Message(false));
    }

    [NativeFact]
    public void BestCheckpoint_LoadsStrictlyAndPredictsLikeTheRestoredNetwork()
    {
        using var tmp = new TempDir();
        using var net = new TinySegNet(1, 2, seed: 4);
        var val = TestData.Dataset(4, 16, seed: 7, "validation");
        var result = new FineTuneTrainer(Options([new("train", 4, 1e-2, 1e-2)], tmp.Path)).Train(net, TestData.Dataset(8, 16, seed: 6), val);
        using var loaded = new TinySegNet(1, 2, seed: 123);
        var report = StateDicts.Load(loaded, Path.Combine(FineTuneTrainer.BestCheckpointDirectory(tmp.Path), FineTuneTrainer.ModelFile));
        Assert.True(report.IsExact);
        Assert.NotNull(result.BestEpoch);
        LabelMap p1 = SegmentationPredictor.Predict(net, val[0].Image);
        LabelMap p2 = SegmentationPredictor.Predict(loaded, val[0].Image);
        Assert.Equal(p1.Labels, p2.Labels);
    }

    [NativeFact]
    public void Train_NoImprovement_EarlyStopsThePhase()
    {
        using var net = new TinySegNet(1, 2, seed: 5);
        var options = Options([new("train", 6, 1e-4, 1e-4)]) with { EarlyStopping = new EarlyStopping(Patience: 2, MinDelta: 10) };
        var result = new FineTuneTrainer(options).Train(net, TestData.Dataset(4, 16, seed: 8), TestData.Dataset(2, 16, seed: 9, "validation"));
        Assert.Equal(3, result.EpochsRun);
        Assert.Equal(["train"], result.EarlyStoppedPhases);
        Assert.Equal(1, result.BestEpoch);
    }

    [NativeFact]
    public void Train_Augmenter_CalledForTrainingSamplesOnly()
    {
        using var net = new TinySegNet(1, 2, seed: 6);
        var augmenter = new CountingAugmenter();
        var options = Options([new("train", 3, 1e-3, 1e-3)]) with { Augmenter = augmenter };
        var progress = new List<TrainingProgress>();
        new FineTuneTrainer(options, new SyncProgress<TrainingProgress>(progress.Add)).Train(net, TestData.Dataset(5, 16, seed: 10), TestData.Dataset(3, 16, seed: 11, "v"));
        Assert.Equal(15, augmenter.Calls);
        Assert.Equal(3, progress.Count(p => p.EndOfEpoch));
        Assert.Equal(6, progress.Count(p => !p.EndOfEpoch));
        Assert.All(progress, p => Assert.Equal(3, p.TotalEpochs));
    }

    [NativeFact]
    public void Train_LabelBeyondClasses_ThrowsBeforeTraining()
    {
        using var net = new TinySegNet(1, 2, seed: 7);
        var samples = TestData.Disks(3, 16, seed: 12);
        samples[2].Labels[0, 0] = 3;
        var ex = Assert.Throws<TrainingDataException>(() => new FineTuneTrainer(Options([new("train", 1, 1e-3, 1e-3)])).Train(net, new SegmentationDataset(samples, "fold 0")));
        Assert.Contains("fold 0 sample 2 has label 3", ex.Message, StringComparison.Ordinal);
    }

    [NativeFact]
    public void Predict_SizeNotDivisible_PadsAndCropsToImageSize()
    {
        using var net = new TinySegNet(1, 2, seed: 8);
        var image = new Image2D(1, 15, 13);
        LabelMap map = SegmentationPredictor.Predict(net, image);
        Assert.Equal((15, 13), (map.Height, map.Width));
    }

    internal static Dictionary<string, float[]> Flatten(nn.Module net)
    {
        using var scope = torch.NewDisposeScope();
        return StateDicts.Of(net).Where(kv => kv.Value.dtype == ScalarType.Float32).ToDictionary(kv => kv.Key, kv => kv.Value.contiguous().data<float>().ToArray());
    }

    // Seeded horizontal flips: the augmentation stream is part of what the seed determines.
    private sealed class FlipAugmenter : ISampleAugmenter
    {
        public (Image2D Image, LabelMap Labels) Augment(Image2D image, LabelMap labels, SeedSource seed)
        {
            if (seed.CreateRandom().Next(2) == 0)
            {
                return (image.Clone(), labels.Clone());
            }

            var img = new Image2D(image.Channels, image.Height, image.Width);
            var lbl = new LabelMap(labels.Height, labels.Width);
            for (int y = 0; y < image.Height; y++)
            {
                for (int x = 0; x < image.Width; x++)
                {
                    lbl[y, x] = labels[y, image.Width - 1 - x];
                    for (int c = 0; c < image.Channels; c++)
                    {
                        img[c, y, x] = image[c, y, image.Width - 1 - x];
                    }
                }
            }

            return (img, lbl);
        }
    }

    private sealed class CountingAugmenter : ISampleAugmenter
    {
        public int Calls { get; private set; }

        public (Image2D Image, LabelMap Labels) Augment(Image2D image, LabelMap labels, SeedSource seed)
        {
            Calls++;
            return (image.Clone(), labels.Clone());
        }
    }
}

/// <summary>IProgress that reports synchronously (Progress&lt;T&gt; posts to the thread pool).</summary>
internal sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
