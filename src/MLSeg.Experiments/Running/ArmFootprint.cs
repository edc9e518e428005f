using MLSeg.Models.Contracts;

namespace MLSeg.Experiments.Running;

/// <summary>
/// An estimate of the memory one fine-tuning arm holds on its device: the float32 master parameters with their
/// gradients and Adam's two moments (16 bytes per parameter), plus the activations autograd keeps for one batch.
/// Activations are estimated from the encoder's stages: a stage of <c>C</c> channels at stride <c>s</c> produces
/// <c>C·(H/s)·(W/s)</c> values per image, and a U-Net keeps about <see cref="SavedTensorsPerStage"/> tensors of that size
/// per stage for the backward pass (convolution outputs, normalisation and activation outputs of the encoder, the
/// mirrored decoder and its skip concatenations). It is a planning figure for <c>--jobs auto</c>, not a measurement:
/// the caching allocator's slack and cuDNN workspaces come on top, which the caller's headroom covers.
/// </summary>
/// <param name="ParameterCount">Trainable and buffer elements of the network.</param>
/// <param name="StateBytes">Parameters, gradients and optimiser state (16 bytes per parameter).</param>
/// <param name="ActivationBytes">Activations kept for backward for one batch.</param>
public sealed record ArmFootprint(long ParameterCount, long StateBytes, long ActivationBytes)
{
    /// <summary>Tensors of a stage's size kept for backward per encoder stage (encoder and decoder together).</summary>
    public const int SavedTensorsPerStage = 24;

    /// <summary>The whole estimate in bytes.</summary>
    public long TotalBytes => StateBytes + ActivationBytes;

    /// <summary>The footprint of fine-tuning <paramref name="network"/> on <paramref name="batch"/> images of <paramref name="height"/>×<paramref name="width"/>.</summary>
    /// <param name="network">The arm's network (its parameters and encoder stages are read, nothing is run).</param>
    /// <param name="batch">Images per optimiser step.</param>
    /// <param name="height">Image height in pixels.</param>
    /// <param name="width">Image width in pixels.</param>
    /// <param name="activationBytesPerValue">4 for float32 compute, 2 for bfloat16/float16.</param>
    public static ArmFootprint Estimate(SegmentationNetwork network, int batch, int height, int width, int activationBytesPerValue)
    {
        ArgumentNullException.ThrowIfNull(network);
        long parameters = network.parameters().Sum(p => p.numel()) + network.buffers().Sum(b => b.numel());
        return Estimate(parameters, network.Encoder.StageChannels, network.Encoder.StageStrides, batch, height, width, activationBytesPerValue);
    }

    /// <summary>The same estimate from the numbers alone (what <see cref="Estimate(SegmentationNetwork, int, int, int, int)"/> reads).</summary>
    public static ArmFootprint Estimate(long parameterCount, IReadOnlyList<long> stageChannels, IReadOnlyList<int> stageStrides, int batch, int height, int width, int activationBytesPerValue)
    {
        ArgumentNullException.ThrowIfNull(stageChannels);
        ArgumentNullException.ThrowIfNull(stageStrides);
        ArgumentOutOfRangeException.ThrowIfNegative(parameterCount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batch);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        if (activationBytesPerValue is not (2 or 4))
        {
            throw new ArgumentOutOfRangeException(nameof(activationBytesPerValue), activationBytesPerValue, "Activations are 2 (bfloat16/float16) or 4 (float32) bytes per value.");
        }

        if (stageChannels.Count != stageStrides.Count || stageChannels.Count == 0)
        {
            throw new ArgumentException($"An encoder has one stride per stage; got {stageChannels.Count} stage channel counts and {stageStrides.Count} strides.");
        }

        long perImage = 0;
        for (int s = 0; s < stageChannels.Count; s++)
        {
            long h = (height + stageStrides[s] - 1) / stageStrides[s];
            long w = (width + stageStrides[s] - 1) / stageStrides[s];
            perImage += stageChannels[s] * h * w;
        }

        return new ArmFootprint(parameterCount, 16 * parameterCount, (long)batch * perImage * SavedTensorsPerStage * activationBytesPerValue);
    }
}
