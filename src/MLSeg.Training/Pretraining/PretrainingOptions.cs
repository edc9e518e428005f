using MLSeg.Core.Randomness;
using MLSeg.Training.FineTuning;
using TorchSharp;
using static TorchSharp.torch;

namespace MLSeg.Training.Pretraining;

/// <summary>Optimisation settings shared by the self-/weakly-supervised pretrainers (classification, autoencoder, jigsaw).</summary>
public sealed record PretrainingOptions
{
    /// <summary>Passes over the source data (≥ 1).</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>Samples per step.</summary>
    public int BatchSize { get; init; } = 16;

    /// <summary>Learning rate (constant, or the cosine schedule's start).</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Weight decay.</summary>
    public double WeightDecay { get; init; }

    /// <summary>Optimizer.</summary>
    public OptimizerKind Optimizer { get; init; } = OptimizerKind.AdamW;

    /// <summary>Constant or cosine-annealed per epoch.</summary>
    public ScheduleKind Schedule { get; init; } = ScheduleKind.Constant;

    /// <summary>Seed of shuffling, corruption/puzzle sampling and libtorch's global generator.</summary>
    public SeedSource Seed { get; init; } = new(0);

    /// <summary>Device; the encoder and head are moved there.</summary>
    public Device Device { get; init; } = torch.CPU;

    /// <summary>Checks the values.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Epochs);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(BatchSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(LearningRate);
        ArgumentOutOfRangeException.ThrowIfNegative(WeightDecay);
        if (Schedule is not (ScheduleKind.Constant or ScheduleKind.Cosine))
        {
            throw new ArgumentOutOfRangeException(nameof(Schedule), Schedule, "Pretraining supports the Constant and Cosine schedules.");
        }
    }
}
