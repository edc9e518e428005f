using MLSeg.Core.Randomness;
using MLSeg.Training.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace MLSeg.Training.FineTuning;

/// <summary>Everything a <see cref="FineTuneTrainer"/> run needs besides the network and the data.</summary>
public sealed record FineTuneOptions
{
    /// <summary>The phases, run in order (e.g. <see cref="FrozenThenUnfrozen"/>).</summary>
    public IReadOnlyList<TrainingPhase> Phases { get; init; } = [new("train", 10, 1e-4, 1e-4)];

    /// <summary>Samples per optimizer step; the last batch of an epoch may be smaller.</summary>
    public int BatchSize { get; init; } = 4;

    /// <summary>Optimizer built at the start of each phase.</summary>
    public OptimizerKind Optimizer { get; init; } = OptimizerKind.Adam;

    /// <summary>Weight decay (L2 for Adam, decoupled for AdamW).</summary>
    public double WeightDecay { get; init; }

    /// <summary>Per-epoch schedule within each phase.</summary>
    public ScheduleKind Schedule { get; init; } = ScheduleKind.Constant;

    /// <summary>The loss.</summary>
    public SegmentationLoss Loss { get; init; } = new();

    /// <summary>Early stopping on the validation split, or null to run every epoch.</summary>
    public EarlyStopping? EarlyStopping { get; init; }

    /// <summary>
    /// When a validation split is given: whether the network ends with the weights of the best validation epoch
    /// (true) or of the last epoch (false).
    /// </summary>
    public bool RestoreBest { get; init; } = true;

    /// <summary>The run seed; shuffling, augmentation and libtorch's global generator (dropout) derive from it.</summary>
    public SeedSource Seed { get; init; } = new(0);

    /// <summary>Device for training; the network is moved there before the optimizer is built.</summary>
    public Device Device { get; init; } = torch.CPU;

    /// <summary>
    /// Forward-pass precision: float32, or bfloat16 (CPU or CUDA) or float16 (CUDA, with dynamic loss scaling) compute
    /// with float32 master parameters.
    /// </summary>
    public TrainingPrecision Precision { get; init; } = TrainingPrecision.Float32;

    /// <summary>
    /// Memory layout: <see cref="MemoryFormat.ChannelsLast"/> gives the 4-D weights NHWC strides before the optimizer is
    /// built and converts every input batch (spec key <c>finetune.memory_format: channels_last</c>).
    /// </summary>
    public MemoryFormat MemoryFormat { get; init; } = MemoryFormat.Contiguous;

    /// <summary>
    /// Where the pixels stay between steps: <see cref="DataResidency.Auto"/> (the default) keeps the validation split,
    /// and the training split when it is not augmented, on a CUDA device when they fit in a quarter of its free memory,
    /// so steps and validation passes copy nothing from the host; results do not depend on it.
    /// </summary>
    public DataResidency DataResidency { get; init; } = DataResidency.Auto;

    /// <summary>Training-only augmentation, or null.</summary>
    public ISampleAugmenter? Augmenter { get; init; }

    /// <summary>
    /// Folder for <c>train_log.csv</c> and the <c>checkpoints/best</c> and <c>checkpoints/last</c> folders, or null to
    /// write nothing (no resuming then).
    /// </summary>
    public string? OutputDirectory { get; init; }

    /// <summary>Stop after this many epochs in total (for interrupting a run in tests and budgets), or null.</summary>
    public int? StopAfterEpochs { get; init; }

    /// <summary>Total planned epochs over all phases.</summary>
    public int TotalEpochs => Phases.Sum(p => p.Epochs);

    /// <summary>
    /// The 7T study's schedule: <paramref name="frozenEpochs"/> at <paramref name="frozenLearningRate"/> with the
    /// encoder frozen, then <paramref name="unfrozenEpochs"/> with every layer at <paramref name="unfrozenLearningRate"/>
    /// (the study: 10 at 1e-4, then 10 at 1e-5; the caller scales the epochs by round(10·N_full/n)).
    /// </summary>
    public static IReadOnlyList<TrainingPhase> FrozenThenUnfrozen(int frozenEpochs, double frozenLearningRate, int unfrozenEpochs, double unfrozenLearningRate) =>
    [
        new("frozen", frozenEpochs, frozenLearningRate, null),
        new("unfrozen", unfrozenEpochs, unfrozenLearningRate, unfrozenLearningRate),
    ];

    /// <summary>Checks every option against a network of <paramref name="numClasses"/> classes.</summary>
    public void Validate(long numClasses)
    {
        if (Phases is null || Phases.Count == 0)
        {
            throw new ArgumentException("Fine-tuning needs at least one phase.", nameof(Phases));
        }

        foreach (var p in Phases)
        {
            p.Validate();
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(BatchSize);
        ArgumentOutOfRangeException.ThrowIfNegative(WeightDecay);
        ArgumentNullException.ThrowIfNull(Loss);
        Loss.Validate(numClasses);
        EarlyStopping?.Validate();
        if (!Enum.IsDefined(Precision))
        {
            throw new ArgumentOutOfRangeException(nameof(Precision), Precision, "Unknown training precision.");
        }

        ArgumentNullException.ThrowIfNull(Device);
        if (Precision == TrainingPrecision.Float16 && Device.type != DeviceType.CUDA)
        {
            throw new ArgumentException(
                $"Precision float16 needs a CUDA device (float16 compute with dynamic loss scaling); training is on {Device.type.ToString().ToLowerInvariant()}. " +
                "Use bfloat16 on the CPU, or float32.",
                nameof(Precision));
        }

        if (!Enum.IsDefined(MemoryFormat))
        {
            throw new ArgumentOutOfRangeException(nameof(MemoryFormat), MemoryFormat, "Unknown memory format; expected Contiguous or ChannelsLast.");
        }

        if (!Enum.IsDefined(DataResidency))
        {
            throw new ArgumentOutOfRangeException(nameof(DataResidency), DataResidency, "Unknown data residency; expected Auto, Host or Device.");
        }

        if (StopAfterEpochs is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(StopAfterEpochs), StopAfterEpochs, "StopAfterEpochs must be ≥ 1 or null.");
        }
    }
}
