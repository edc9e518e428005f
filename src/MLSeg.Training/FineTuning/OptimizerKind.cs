namespace MLSeg.Training.FineTuning;

/// <summary>Optimizers the trainers build.</summary>
public enum OptimizerKind
{
    /// <summary>Adam (L2 weight decay added to the gradient).</summary>
    Adam,
    /// <summary>AdamW (decoupled weight decay).</summary>
    AdamW,
}
