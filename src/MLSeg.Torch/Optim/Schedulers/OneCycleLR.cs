namespace MLSeg.Torch.Optim.Schedulers;

/// <summary>
/// The one-cycle policy (PyTorch's <c>OneCycleLR</c>, two phases): from max/<see cref="DivFactor"/> up to the maximum
/// over the first <see cref="PctStart"/> of <see cref="TotalSteps"/>, then down to initial/<see cref="FinalDivFactor"/>,
/// each phase annealed by cosine (or linearly). Phase ends are at step pct·T − 1 and T − 1. Momentum is not cycled.
/// </summary>
public sealed class OneCycleLR : LRScheduler
{
    private readonly double[] maxRates;

    /// <summary>Creates the schedule for every group with the same maximum rate, and applies step 0.</summary>
    public OneCycleLR(Optimizer optimizer, double maxLearningRate, long totalSteps, double pctStart = 0.3, bool cosine = true, double divFactor = 25,
        double finalDivFactor = 1e4)
        : this(optimizer, Enumerable.Repeat(maxLearningRate, optimizer?.ParamGroups.Count ?? 0).ToArray(), totalSteps, pctStart, cosine, divFactor, finalDivFactor) { }

    /// <summary>Creates the schedule with one maximum rate per group (discriminative rates), and applies step 0.</summary>
    public OneCycleLR(Optimizer optimizer, IReadOnlyList<double> maxLearningRates, long totalSteps, double pctStart = 0.3, bool cosine = true, double divFactor = 25,
        double finalDivFactor = 1e4)
        : base(optimizer!)
    {
        ArgumentNullException.ThrowIfNull(maxLearningRates);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(totalSteps);
        if (pctStart is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(pctStart), pctStart, "pctStart must be in (0, 1).");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(divFactor);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(finalDivFactor);
        if (maxLearningRates.Count != optimizer!.ParamGroups.Count)
        {
            throw new ArgumentException($"{maxLearningRates.Count} maximum rates for {optimizer.ParamGroups.Count} parameter groups.", nameof(maxLearningRates));
        }

        maxRates = [.. maxLearningRates];
        TotalSteps = totalSteps;
        PctStart = pctStart;
        Cosine = cosine;
        DivFactor = divFactor;
        FinalDivFactor = finalDivFactor;
        for (int g = 0; g < maxRates.Length; g++)
        {
            optimizer.ParamGroups[g].InitialLearningRate = maxRates[g] / divFactor;
        }

        Initialize();
    }

    /// <summary>Length of the cycle in steps; stepping beyond it is an error.</summary>
    public long TotalSteps { get; }

    /// <summary>Fraction of the cycle spent increasing the rate.</summary>
    public double PctStart { get; }

    /// <summary>Cosine annealing (true) or linear (false).</summary>
    public bool Cosine { get; }

    /// <summary>Initial rate = max / this.</summary>
    public double DivFactor { get; }

    /// <summary>Final rate = initial / this.</summary>
    public double FinalDivFactor { get; }

    /// <inheritdoc />
    protected internal override double LearningRateAt(int group, double initialLearningRate, long epoch)
    {
        if (epoch > TotalSteps)
        {
            throw new InvalidOperationException($"OneCycleLR stepped {epoch} times; the cycle has {TotalSteps} steps.");
        }

        double max = maxRates[group];
        double initial = max / DivFactor;
        double min = initial / FinalDivFactor;
        double warmEnd = (PctStart * TotalSteps) - 1;
        double end = TotalSteps - 1;
        return epoch <= warmEnd
            ? Anneal(initial, max, epoch / warmEnd)
            : Anneal(max, min, (epoch - warmEnd) / (end - warmEnd));
    }

    private double Anneal(double start, double stop, double pct) =>
        Cosine ? stop + ((start - stop) / 2 * (Math.Cos(Math.PI * pct) + 1)) : ((stop - start) * pct) + start;
}
