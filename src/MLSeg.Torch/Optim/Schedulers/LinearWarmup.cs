namespace MLSeg.Torch.Optim.Schedulers;

/// <summary>
/// Scales another schedule by a factor rising linearly from <see cref="StartFactor"/> to 1 over
/// <see cref="WarmupSteps"/> steps: lr(t) = inner(t)·(f₀ + (1 − f₀)·min(t, W)/W) — PyTorch's <c>LinearLR</c> chained
/// with the inner schedule. Step only the wrapper, not the inner schedule.
/// </summary>
public sealed class LinearWarmup : LRScheduler
{
    /// <summary>Wraps <paramref name="inner"/> (which must belong to the same optimizer) and applies step 0.</summary>
    public LinearWarmup(LRScheduler inner, long warmupSteps, double startFactor = 1.0 / 3) : base(inner?.Optimizer!)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(warmupSteps);
        if (startFactor is <= 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(startFactor), startFactor, "startFactor must be in (0, 1].");
        }

        Inner = inner;
        WarmupSteps = warmupSteps;
        StartFactor = startFactor;
        Initialize();
    }

    /// <summary>The wrapped schedule.</summary>
    public LRScheduler Inner { get; }

    /// <summary>Steps until the factor reaches 1.</summary>
    public long WarmupSteps { get; }

    /// <summary>Factor at step 0.</summary>
    public double StartFactor { get; }

    /// <inheritdoc />
    protected internal override double LearningRateAt(int group, double initialLearningRate, long epoch) =>
        Inner.LearningRateAt(group, initialLearningRate, epoch) * (StartFactor + ((1 - StartFactor) * Math.Min(epoch, WarmupSteps) / WarmupSteps));
}
