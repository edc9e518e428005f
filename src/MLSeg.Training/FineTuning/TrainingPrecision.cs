using static TorchSharp.torch;

namespace MLSeg.Training.FineTuning;

/// <summary>
/// Arithmetic precision of training forward passes. Mixed precision runs MLSeg's convolutions and linear layers in the
/// lower precision through <see cref="Models.Engine.ComputePrecision"/> while the parameters, the optimizer state and the
/// loss stay float32; the code path is the same on CPU and CUDA.
/// </summary>
public enum TrainingPrecision
{
    /// <summary>Everything in float32 (the default).</summary>
    Float32,

    /// <summary>bfloat16 compute (CPU and CUDA); no loss scaling needed.</summary>
    BFloat16,

    /// <summary>float16 compute with dynamic loss scaling (<see cref="GradScaler"/>); CUDA only.</summary>
    Float16,
}

/// <summary>Maps <see cref="TrainingPrecision"/> to libtorch types.</summary>
public static class TrainingPrecisions
{
    /// <summary>The compute type for <see cref="Models.Engine.ComputePrecision.Use"/>: null for float32.</summary>
    public static ScalarType? ComputeType(this TrainingPrecision precision) => precision switch
    {
        TrainingPrecision.Float32 => null,
        TrainingPrecision.BFloat16 => ScalarType.BFloat16,
        TrainingPrecision.Float16 => ScalarType.Float16,
        _ => throw new ArgumentOutOfRangeException(nameof(precision), precision, "Unknown training precision."),
    };
}
