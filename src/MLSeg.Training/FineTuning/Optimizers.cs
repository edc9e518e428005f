using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLSeg.Training.FineTuning;

/// <summary>Builds the trainers' optimizers (<see cref="FlatAdam"/>) and per-epoch learning-rate schedules for the trainers.</summary>
internal static class Optimizers
{
    /// <summary>
    /// MLSeg's flat-buffer Adam or AdamW (<see cref="FlatAdam"/>; PyTorch's defaults: betas 0.9/0.999, eps 1e-8) with one
    /// parameter group per entry of <paramref name="groups"/>, each at its own learning rate and all with
    /// <paramref name="weightDecay"/>.
    /// </summary>
    public static FlatAdam Create(OptimizerKind kind, IReadOnlyList<(IEnumerable<Parameter> Parameters, double LearningRate)> groups, double weightDecay)
    {
        if (groups.Count == 0)
        {
            throw new ArgumentException("The optimizer needs at least one parameter group.", nameof(groups));
        }

        return new FlatAdam(kind, groups.Select(g => (g.Parameters, g.LearningRate, weightDecay)));
    }

    /// <summary>
    /// The schedule over <paramref name="epochs"/> epochs (null for <see cref="ScheduleKind.Constant"/>), stepped once after
    /// each epoch: cosine annealing to 0, polynomial decay with power 0.9 (nnU-Net), or ×0.1 every third of the epochs.
    /// </summary>
    public static optim.lr_scheduler.LRScheduler? CreateScheduler(optim.Optimizer optimizer, ScheduleKind schedule, int epochs) => schedule switch
    {
        ScheduleKind.Constant => null,
        ScheduleKind.Cosine => optim.lr_scheduler.CosineAnnealingLR(optimizer, epochs),
        ScheduleKind.Polynomial => optim.lr_scheduler.PolynomialLR(optimizer, epochs, 0.9),
        ScheduleKind.Step => optim.lr_scheduler.StepLR(optimizer, Math.Max(1, epochs / 3), 0.1),
        _ => throw new ArgumentOutOfRangeException(nameof(schedule), schedule, "Unknown schedule."),
    };
}
