namespace MLSeg.Torch.Optim.Schedulers;

/// <summary>
/// Cosine annealing from the initial rate to <see cref="EtaMin"/> over <see cref="TMax"/> steps:
/// η_min + (lr₀ − η_min)(1 + cos(πt/T))/2 (PyTorch's <c>CosineAnnealingLR</c>; beyond T the cosine continues).
/// </summary>
public sealed class CosineAnnealingLR : LRScheduler
{
    /// <summary>Creates the schedule and applies step 0.</summary>
    public CosineAnnealingLR(Optimizer optimizer, long tMax, double etaMin = 0) : base(optimizer)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(tMax);
        ArgumentOutOfRangeException.ThrowIfNegative(etaMin);
        TMax = tMax;
        EtaMin = etaMin;
        Initialize();
    }

    /// <summary>Half period in steps.</summary>
    public long TMax { get; }

    /// <summary>Lowest rate.</summary>
    public double EtaMin { get; }

    /// <inheritdoc />
    protected internal override double LearningRateAt(int group, double initialLearningRate, long epoch) =>
        EtaMin + ((initialLearningRate - EtaMin) * (1 + Math.Cos(Math.PI * epoch / TMax)) / 2);
}
