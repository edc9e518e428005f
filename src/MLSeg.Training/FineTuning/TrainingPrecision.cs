namespace MLSeg.Training.FineTuning;

/// <summary>
/// Arithmetic precision of training forward passes. Mixed precision wraps the forward pass in an autocast scope on the
/// training device (losses and optimizer state stay float32); the code path is the same on CPU and CUDA.
/// </summary>
public enum TrainingPrecision
{
    /// <summary>Everything in float32 (the default).</summary>
    Float32,

    /// <summary>Autocast to bfloat16 (CPU and CUDA); no loss scaling needed.</summary>
    BFloat16,

    /// <summary>Autocast to float16 with dynamic loss scaling (<see cref="Torch.Optim.GradScaler"/>); CUDA only.</summary>
    Float16,
}
