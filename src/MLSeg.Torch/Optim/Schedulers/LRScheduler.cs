namespace MLSeg.Torch.Optim.Schedulers;

/// <summary>
/// Base of the learning-rate schedules (PyTorch's <c>torch.optim.lr_scheduler</c>). A schedule is a closed form of
/// each group's initial rate and the step count: construction applies step 0, and each <see cref="Step"/> advances
/// one epoch or iteration (whichever the caller counts) and writes the groups' <see cref="ParamGroup.LearningRate"/>.
/// </summary>
public abstract class LRScheduler
{
    /// <summary>Binds the schedule to <paramref name="optimizer"/>; derived constructors finish with <see cref="Initialize"/>.</summary>
    protected LRScheduler(Optimizer optimizer)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        Optimizer = optimizer;
    }

    /// <summary>The optimizer whose rates are set.</summary>
    public Optimizer Optimizer { get; }

    /// <summary>Steps taken (PyTorch's <c>last_epoch</c>); 0 right after construction.</summary>
    public long LastEpoch { get; private set; } = -1;

    /// <summary>The rates last written, one per group.</summary>
    public IReadOnlyList<double> LastLearningRates { get; private set; } = [];

    /// <summary>Advances one step and updates every group's learning rate.</summary>
    public void Step() => SetEpoch(LastEpoch + 1);

    /// <summary>Jumps to <paramref name="epoch"/> (resuming a run) and updates the learning rates.</summary>
    public void SetEpoch(long epoch)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        LastEpoch = epoch;
        var groups = Optimizer.ParamGroups;
        var rates = new double[groups.Count];
        for (int g = 0; g < groups.Count; g++)
        {
            rates[g] = LearningRateAt(g, groups[g].InitialLearningRate, epoch);
            groups[g].LearningRate = rates[g];
        }

        LastLearningRates = rates;
    }

    /// <summary>The learning rate of group <paramref name="group"/> at <paramref name="epoch"/>, given its initial rate.</summary>
    protected internal abstract double LearningRateAt(int group, double initialLearningRate, long epoch);

    /// <summary>Applies step 0; call at the end of each concrete constructor, once its fields are set.</summary>
    protected void Initialize() => SetEpoch(0);
}
