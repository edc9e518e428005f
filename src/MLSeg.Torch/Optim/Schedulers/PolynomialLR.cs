namespace MLSeg.Torch.Optim.Schedulers;

/// <summary>
/// Polynomial decay lr₀·(1 − min(t, T)/T)^p — nnU-Net's "poly" schedule with p = 0.9 (PyTorch's <c>PolynomialLR</c>).
/// </summary>
public sealed class PolynomialLR : LRScheduler
{
    /// <summary>Creates the schedule and applies step 0.</summary>
    public PolynomialLR(Optimizer optimizer, long totalSteps, double power = 0.9) : base(optimizer)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(totalSteps);
        ArgumentOutOfRangeException.ThrowIfNegative(power);
        TotalSteps = totalSteps;
        Power = power;
        Initialize();
    }

    /// <summary>Steps until the rate reaches 0.</summary>
    public long TotalSteps { get; }

    /// <summary>Exponent p.</summary>
    public double Power { get; }

    /// <inheritdoc />
    protected internal override double LearningRateAt(int group, double initialLearningRate, long epoch) =>
        initialLearningRate * Math.Pow(1.0 - ((double)Math.Min(epoch, TotalSteps) / TotalSteps), Power);
}
