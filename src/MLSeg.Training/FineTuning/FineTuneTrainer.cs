using System.Diagnostics;
using MLSeg.Core.Randomness;
using MLSeg.Models.Contracts;
using MLSeg.Models.Engine;
using MLSeg.Models.Layers;
using MLSeg.Training.Data;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLSeg.Training.FineTuning;

/// <summary>
/// Fine-tunes a <see cref="SegmentationNetwork"/> with Dice + cross-entropy through one or more
/// <see cref="TrainingPhase"/>s (e.g. frozen encoder, then every layer at discriminative rates), validating on an inner
/// split after each epoch for early stopping and best-epoch selection, checkpointing so an interrupted run resumes
/// bit-identically (CPU), and writing <c>train_log.csv</c> each epoch.
/// </summary>
/// <remarks>
/// With <see cref="FineTuneOptions.Precision"/> other than float32, forward passes (training and validation) run in a
/// <see cref="ComputePrecision"/> scope (float32 master parameters) and the logits are cast back to float32 before the
/// loss; float16 adds a <see cref="GradScaler"/>. With <see cref="MemoryFormat.ChannelsLast"/>, the 4-D weights get NHWC
/// strides before the optimizer is built and every input batch is converted. CPU and CUDA share this code path. The
/// optimizer is MLSeg's flat-buffer Adam or AdamW (<see cref="FlatAdam"/>) with one parameter group per learning rate,
/// built afresh per phase (the parameters it covers move into its buffers then) and scheduled per epoch by
/// <c>torch.optim.lr_scheduler</c>.
/// </remarks>
public sealed partial class FineTuneTrainer
{
    private readonly IProgress<TrainingProgress>? progress;
    private GradScaler? scaler;
    private bool? readLossEveryStep;

    /// <summary>Creates a trainer.</summary>
    /// <param name="options">Phases, optimizer, loss, seed, device, output folder.</param>
    /// <param name="progress">Receives step and epoch events, or null.</param>
    public FineTuneTrainer(FineTuneOptions options, IProgress<TrainingProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        this.progress = progress;
    }

    /// <summary>The options.</summary>
    public FineTuneOptions Options { get; }

    /// <summary>
    /// Trains <paramref name="network"/> in place on <paramref name="train"/>. With <paramref name="validation"/>, each
    /// epoch is scored by mean foreground Dice for early stopping and (with <see cref="FineTuneOptions.RestoreBest"/>)
    /// the network ends with its best epoch's weights.
    /// </summary>
    /// <param name="network">The network (moved to <see cref="FineTuneOptions.Device"/>).</param>
    /// <param name="train">Training pairs (augmented when an augmenter is set).</param>
    /// <param name="validation">Inner validation pairs (never augmented), or null.</param>
    /// <param name="resume">Continue from <c>checkpoints/last</c> in the output folder when it exists.</param>
    /// <param name="cancellationToken">Checked between steps.</param>
    /// <exception cref="TrainingDataException">Data the network cannot take (labels ≥ classes, wrong channels, size not divisible).</exception>
    public FineTuneResult Train(SegmentationNetwork network, SegmentationDataset train, SegmentationDataset? validation = null, bool resume = false,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(train);
        Options.Validate(network.NumClasses);
        CheckData(network, train);
        if (validation is not null)
        {
            CheckData(network, validation);
        }

        if (resume && Options.OutputDirectory is null)
        {
            throw new ArgumentException("Resuming needs FineTuneOptions.OutputDirectory (where checkpoints/last lives).", nameof(resume));
        }

        network.to(Options.Device);
        if (Options.MemoryFormat == MemoryFormat.ChannelsLast)
        {
            ChannelsLast.Apply(network);
        }

        bool onDevice = KeepDataOnDevice(train, validation);
        using ResidentDataset? residentTrain = onDevice && Options.Augmenter is null ? ResidentDataset.Upload(train, Options.Device) : null;
        using ResidentDataset? residentValidation = onDevice && validation is not null ? ResidentDataset.Upload(validation, Options.Device) : null;
        TrainerState state = resume ? TryLoadLast(network) ?? Fresh() : Fresh();
        scaler = Options.Precision == TrainingPrecision.Float16 ? new GradScaler(state.LossScale ?? 65536.0, cleanSteps: state.LossScaleCleanSteps ?? 0) : null;
        Dictionary<string, Tensor>? best = state.BestEpoch is not null ? LoadBestSnapshot() : null;
        bool interrupted = false;
        try
        {
            for (int pi = state.NextPhase; pi < Options.Phases.Count && !interrupted; pi++)
            {
                TrainingPhase phase = Options.Phases[pi];
                SetFreezing(network, phase);
                using FlatAdam optimizer = BuildOptimizer(network, phase);
                optim.lr_scheduler.LRScheduler? scheduler = BuildScheduler(optimizer, phase);

                // A resumed phase replays the schedule's per-epoch steps (the same arithmetic as a straight run), then the
                // moment buffers and step counts come back from the checkpoint.
                for (int e = 0; e < state.NextEpochInPhase; e++)
                {
                    scheduler?.step();
                }

                if (state.NextEpochInPhase > 0)
                {
                    OptimizerStateFile.Load(optimizer, Path.Combine(LastDir, OptimizerFile));
                }

                for (int e = state.NextEpochInPhase; e < phase.Epochs; e++)
                {
                    if (Options.StopAfterEpochs is { } stop && state.EpochsCompleted >= stop)
                    {
                        interrupted = true;
                        break;
                    }

                    var clock = Stopwatch.StartNew();
                    int epoch = state.EpochsCompleted + 1;
                    double learningRate = optimizer.ParamGroups.Last().LearningRate;
                    double trainLoss = RunEpoch(network, phase, optimizer, train, residentTrain, epoch, cancellationToken);
                    (double ValLoss, double ValDice)? val = validation is null ? null : Validate(network, validation, residentValidation);
                    SetFreezing(network, phase);
                    scheduler?.step();
                    var row = new EpochLogRow(epoch, phase.Name, trainLoss, val?.ValLoss, val?.ValDice, learningRate, clock.Elapsed.TotalSeconds);
                    bool improved = val is { } v && (state.BestValDice is not { } b || v.ValDice > b + (Options.EarlyStopping?.MinDelta ?? 0));
                    int since = improved ? 0 : state.EpochsWithoutImprovement + 1;
                    bool stopPhase = validation is not null && Options.EarlyStopping is { } es && since >= es.Patience;
                    bool phaseDone = stopPhase || e + 1 == phase.Epochs;
                    var earlyStopped = new List<string>(state.EarlyStoppedPhases);
                    if (stopPhase && e + 1 < phase.Epochs)
                    {
                        earlyStopped.Add(phase.Name);
                    }

                    state = state with
                    {
                        EpochsCompleted = epoch,
                        LossScale = scaler?.Scale,
                        LossScaleCleanSteps = scaler?.CleanSteps,
                        NextPhase = phaseDone ? pi + 1 : pi,
                        NextEpochInPhase = phaseDone ? 0 : e + 1,
                        EpochsWithoutImprovement = phaseDone ? 0 : since,
                        BestValDice = improved ? val!.Value.ValDice : state.BestValDice,
                        BestEpoch = improved ? epoch : state.BestEpoch,
                        EarlyStoppedPhases = earlyStopped,
                        Log = [.. state.Log, row],
                    };
                    if (improved)
                    {
                        DisposeAll(best);
                        best = Snapshot(network);
                    }

                    WriteCheckpoints(network, optimizer, state, improved);
                    progress?.Report(new TrainingProgress(phase.Name, epoch, Options.TotalEpochs, 0, 0, trainLoss, val?.ValDice, EndOfEpoch: true));
                    if (phaseDone)
                    {
                        break;
                    }
                }

                state = state.NextPhase == pi ? state with { NextPhase = pi + 1, NextEpochInPhase = 0, EpochsWithoutImprovement = 0 } : state;
            }

            if (!interrupted && validation is not null && Options.RestoreBest && best is not null)
            {
                StateDicts.Load(network, best);
            }
        }
        finally
        {
            DisposeAll(best);
            StateDicts.RequiresGrad(network, true);
            network.eval();
        }

        return new FineTuneResult(state.EpochsCompleted, state.BestEpoch, state.BestValDice, state.EarlyStoppedPhases, interrupted, state.Log)
        {
            TrainingDataOnDevice = residentTrain is not null,
            ValidationDataOnDevice = residentValidation is not null,
        };
    }

    // Dropout layers with their own generator are re-seeded per epoch (each generator once), like the global one.
    private void ReseedDropout(SegmentationNetwork network, int epoch)
    {
        var seen = new HashSet<Generator>(ReferenceEqualityComparer.Instance);
        foreach (var (name, module) in network.named_modules())
        {
            if (module is SeededDropout { Generator: { } g } && seen.Add(g))
            {
                g.manual_seed(Options.Seed.Derive("dropout").Derive(name).Derive(epoch).ToInt64());
            }
        }
    }

    // The forward pass in the configured precision and layout; the logits come back as float32 so losses and Dice stay float32.
    private Tensor Forward(SegmentationNetwork network, Tensor x)
    {
        Tensor input = Options.MemoryFormat == MemoryFormat.ChannelsLast ? ChannelsLast.Convert(x) : x;
        using (ComputePrecision.Use(Options.Precision.ComputeType()))
        {
            Tensor logits = network.forward(input);
            return ComputePrecision.ToFloat32OrNull(logits) ?? logits;
        }
    }

    // DataResidency.Auto keeps the data on a CUDA device when it takes at most a quarter of the free device memory.
    private bool KeepDataOnDevice(SegmentationDataset train, SegmentationDataset? validation)
    {
        switch (Options.DataResidency)
        {
            case DataResidency.Host:
                return false;
            case DataResidency.Device:
                return true;
            default:
                if (Options.Device.type != DeviceType.CUDA)
                {
                    return false;
                }

                long bytes = (Options.Augmenter is null ? ResidentDataset.Bytes(train) : 0) + (validation is null ? 0 : ResidentDataset.Bytes(validation));
                return bytes <= DeviceMemory.Cuda(Options.Device).FreeBytes / 4;
        }
    }

    private TrainerState Fresh() => new() { Seed = Options.Seed.Value };

    private static void CheckData(SegmentationNetwork network, SegmentationDataset data)
    {
        Encoder encoder = network.Encoder;
        if (data.Channels != encoder.InChannels)
        {
            throw new TrainingDataException($"{data.Name} has {data.Channels}-channel images; the network's encoder takes {encoder.InChannels}.");
        }

        int div = encoder.RequiredDivisor;
        if (data.Height % div != 0 || data.Width % div != 0)
        {
            throw new TrainingDataException($"{data.Name} images are {data.Height}x{data.Width}; this encoder needs height and width divisible by {div}. Crop or pad first.");
        }

        int maxLabel = data.MaxLabel();
        if (maxLabel >= network.NumClasses)
        {
            int index = Enumerable.Range(0, data.Count).First(i => data[i].Labels.MaxLabel() == maxLabel);
            throw new TrainingDataException(
                $"{data.Name} sample {index} has label {maxLabel} but the network predicts {network.NumClasses} classes (0..{network.NumClasses - 1}); " +
                "reset the head for the target's class count (SegmentationNetwork.ResetHead) or fix the label map.");
        }
    }

    private static void SetFreezing(SegmentationNetwork network, TrainingPhase phase)
    {
        network.train();
        StateDicts.RequiresGrad(network, true);
        if (phase.FreezesEncoder)
        {
            // A frozen encoder keeps its normalisation statistics too: eval mode stops BatchNorm updating running stats.
            StateDicts.RequiresGrad(network.Encoder, false);
            network.Encoder.eval();
        }
    }

    private FlatAdam BuildOptimizer(SegmentationNetwork network, TrainingPhase phase)
    {
        var groups = new List<(IEnumerable<Parameter> Parameters, double LearningRate)>();
        if (phase.EncoderLearningRate is { } encLr)
        {
            groups.Add((network.EncoderParameters(), encLr));
        }

        groups.Add((network.DecoderParameters(), phase.DecoderLearningRate));
        return Optimizers.Create(Options.Optimizer, groups, Options.WeightDecay);
    }

    private optim.lr_scheduler.LRScheduler? BuildScheduler(optim.Optimizer optimizer, TrainingPhase phase) =>
        Optimizers.CreateScheduler(optimizer, Options.Schedule, phase.Epochs);

    private double RunEpoch(SegmentationNetwork network, TrainingPhase phase, FlatAdam optimizer, SegmentationDataset train, ResidentDataset? resident, int epoch,
        CancellationToken ct)
    {
        // Every random stream of the epoch is a pure function of (seed, epoch): resuming at any epoch reproduces it.
        torch.manual_seed(Options.Seed.Derive("torch").Derive(epoch).ToInt64()).Dispose();
        ReseedDropout(network, epoch);
        int[] order = train.EpochOrder(Options.Seed, epoch);
        SeedSource augmentSeed = Options.Seed.Derive("augment").Derive(epoch);
        int steps = (order.Length + Options.BatchSize - 1) / Options.BatchSize;
        using var losses = new EpochLosses(ReadLossEveryStep, (value, step) => new TrainingDataException(
            $"Training loss became {value} at epoch {epoch}, step {step} (phase '{phase.Name}'); lower the learning rate or check the inputs' normalisation."));

        // Resident data: the epoch's order goes to the device once and each step gathers its rows there.
        using Tensor? orderOnDevice = resident is null ? null : Batcher.OnDevice(torch.tensor(Array.ConvertAll(order, i => (long)i)), Options.Device);
        for (int s = 0; s < steps; s++)
        {
            ct.ThrowIfCancellationRequested();
            int first = s * Options.BatchSize;
            int count = Math.Min(order.Length, first + Options.BatchSize) - first;
            using var scope = torch.NewDisposeScope();
            Tensor x, y;
            if (orderOnDevice is not null)
            {
                (x, y) = resident!.Gather(orderOnDevice.narrow(0, first, count));
            }
            else
            {
                var batch = new List<SegmentationSample>(count);
                for (int k = first; k < first + count; k++)
                {
                    SegmentationSample sample = train[order[k]];
                    if (Options.Augmenter is { } aug)
                    {
                        var (img, lbl) = aug.Augment(sample.Image, sample.Labels, augmentSeed.Derive(order[k]));
                        sample = new SegmentationSample(img, lbl);
                    }

                    batch.Add(sample);
                }

                (x, y) = Batcher.Pairs(batch, Options.Device);
            }

            Tensor logits = Forward(network, x);
            Tensor loss = Options.Loss.Compute(logits, y);
            optimizer.zero_grad();
            if (scaler is null)
            {
                loss.backward();
                optimizer.step();
            }
            else
            {
                scaler.ScaleLoss(loss).backward();
                scaler.Step(optimizer);
            }

            double value = losses.Add(loss, count);
            progress?.Report(new TrainingProgress(phase.Name, epoch, Options.TotalEpochs, s + 1, steps, value, null, EndOfEpoch: false));
        }

        return losses.Mean();
    }

    /// <summary>
    /// Whether each step's loss is copied to the host right after the step (the CPU) or kept on the device and read back
    /// once at the end of the epoch (accelerators: one host–device synchronisation per epoch instead of per step, so
    /// the host queues the next steps while the device works). Epoch means, logs and the non-finite-loss error (naming
    /// epoch and step) are the same either way; step progress events carry NaN as their loss when it is deferred, and
    /// a non-finite loss ends training at the end of its epoch rather than at its step (no checkpoint of that epoch is
    /// written). Tests set it to run the deferred path on the CPU.
    /// </summary>
    internal bool ReadLossEveryStep
    {
        get => readLossEveryStep ?? Options.Device.type == DeviceType.CPU;
        set => readLossEveryStep = value;
    }

    private (double Loss, double Dice) Validate(SegmentationNetwork network, SegmentationDataset validation, ResidentDataset? resident)
    {
        network.eval();
        using var noGrad = torch.no_grad();
        double lossSum = 0;
        double diceSum = 0;
        int classes = (int)network.NumClasses;
        for (int start = 0; start < validation.Count; start += Options.BatchSize)
        {
            int count = Math.Min(Options.BatchSize, validation.Count - start);
            using var scope = torch.NewDisposeScope();
            var (x, y) = resident is not null
                ? resident.Range(start, count)
                : Batcher.Pairs(Enumerable.Range(start, count).Select(i => validation[i]).ToList(), Options.Device);
            Tensor logits = Forward(network, x);
            lossSum += Options.Loss.Compute(logits, y).item<float>() * count;
            long[] predicted = logits.argmax(1).cpu().contiguous().data<long>().ToArray();
            int plane = validation.Height * validation.Width;
            for (int n = 0; n < count; n++)
            {
                diceSum += DiceScore.MeanForeground(predicted.AsSpan(n * plane, plane), validation[start + n].Labels.Labels, classes);
            }
        }

        return (lossSum / validation.Count, diceSum / validation.Count);
    }

    private static Dictionary<string, Tensor> Snapshot(SegmentationNetwork network)
    {
        var snapshot = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        foreach (var (key, t) in StateDicts.Of(network))
        {
            snapshot[key] = t.clone().DetachFromDisposeScope();
        }

        return snapshot;
    }

    private static void DisposeAll(Dictionary<string, Tensor>? tensors)
    {
        if (tensors is null)
        {
            return;
        }

        foreach (Tensor t in tensors.Values)
        {
            t.Dispose();
        }

        tensors.Clear();
    }
}
