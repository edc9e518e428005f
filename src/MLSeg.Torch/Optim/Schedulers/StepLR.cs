namespace MLSeg.Torch.Optim.Schedulers;

/// <summary>Multiplies the rate by <see cref="Gamma"/> every <see cref="StepSize"/> steps: lr₀·γ^⌊t/s⌋ (PyTorch's <c>StepLR</c>).</summary>
public sealed class StepLR : LRScheduler
{
    /// <summary>Creates the schedule and applies step 0.</summary>
    public StepLR(Optimizer optimizer, long stepSize, double gamma = 0.1) : base(optimizer)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stepSize);
        ArgumentOutOfRangeException.ThrowIfNegative(gamma);
        StepSize = stepSize;
        Gamma = gamma;
        Initialize();
    }

    /// <summary>Steps between decays.</summary>
    public long StepSize { get; }

    /// <summary>Decay factor.</summary>
    public double Gamma { get; }

    /// <inheritdoc />
    protected internal override double LearningRateAt(int group, double initialLearningRate, long epoch) =>
        initialLearningRate * Math.Pow(Gamma, epoch / StepSize);
}
