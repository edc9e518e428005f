using MLSeg.Models.Contracts;

namespace MLSeg.Onnx.Export;

/// <summary>A checkpoint read by <see cref="ModelCheckpoint.Load"/>; the caller owns (and disposes) <see cref="Network"/>.</summary>
/// <param name="Network">The rebuilt network with the checkpoint's weights, in eval mode, on the CPU.</param>
/// <param name="Config">The configuration it was rebuilt from.</param>
/// <param name="Metadata">Every metadata entry of the file (the config entry included).</param>
/// <param name="Path">The safetensors file read.</param>
public sealed record ModelCheckpointContent(SegmentationNetwork Network, ModelConfig Config, IReadOnlyDictionary<string, string> Metadata, string Path);
