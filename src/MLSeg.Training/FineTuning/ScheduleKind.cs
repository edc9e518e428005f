namespace MLSeg.Training.FineTuning;

/// <summary>Per-epoch learning-rate schedules within a phase.</summary>
public enum ScheduleKind
{
    /// <summary>The phase's learning rate throughout.</summary>
    Constant,
    /// <summary>Cosine annealing from the phase's rate to 0 over the phase's epochs.</summary>
    Cosine,
    /// <summary>Polynomial decay (power 0.9, the nnU-Net default) to 0 over the phase's epochs.</summary>
    Polynomial,
    /// <summary>Step decay: ×0.1 every third of the phase.</summary>
    Step,
}
