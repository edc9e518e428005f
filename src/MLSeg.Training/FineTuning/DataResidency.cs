namespace MLSeg.Training.FineTuning;

/// <summary>Where the fine-tuning trainer keeps a dataset's pixels between steps.</summary>
public enum DataResidency
{
    /// <summary>
    /// <see cref="Device"/> on a CUDA device when the data fits in a quarter of the device's free memory, otherwise
    /// <see cref="Host"/>; always <see cref="Host"/> on the CPU (a second copy there buys nothing).
    /// </summary>
    Auto,

    /// <summary>Every batch is stacked from the host images and copied to the device per step (and per epoch for validation).</summary>
    Host,

    /// <summary>
    /// The validation split, and the training split when it is not augmented, are uploaded once per training run as one
    /// (N, C, H, W) float32 and one (N, H, W) int64 tensor; a step's batch is gathered on the device (validation batches
    /// are views). The values, and so the results, are those of <see cref="Host"/>. An augmented training split stays on
    /// the host: augmentation runs on host images, sample by sample.
    /// </summary>
    Device,
}
