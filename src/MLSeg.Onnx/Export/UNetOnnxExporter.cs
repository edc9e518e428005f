using MLSeg.Models.UNets;

namespace MLSeg.Onnx.Export;

/// <summary>Emits a <see cref="UNet"/> in the order of <c>UNet.forward</c> → <c>UNetEncoder.forward</c> → <c>SkipDecoder.Forward</c> → head.</summary>
internal static class UNetOnnxExporter
{
    /// <summary>Returns the name of the logits (N, K, H, W) computed from <paramref name="input"/>.</summary>
    public static string Emit(ModuleEmitter e, UNet network, string input)
    {
        var encoder = network.Encoder as UNetEncoder
            ?? throw new NotSupportedException($"ONNX export of a U-Net supports MLSeg's UNetEncoder; this network's encoder is {network.Encoder.GetType().FullName}.");
        e.RequireBlock("decoder", ModuleKinds.SkipDecoderType);
        int stages = BlockEmitters.ChildCount(e, "encoder.stages");
        if (stages != encoder.Depth + 1)
        {
            throw new NotSupportedException($"ONNX export: the U-Net encoder has {stages} stages but Depth = {encoder.Depth} implies {encoder.Depth + 1}.");
        }

        // Encoder: stage 0 at full resolution, then max-pool 2×2 and the next stage.
        var features = new List<string>(stages) { BlockEmitters.DoubleConv(e, input, "encoder.stages.0") };
        for (int i = 1; i < stages; i++)
        {
            string pooled = e.MaxPool(features[^1], (2, 2), (2, 2), (0, 0));
            features.Add(BlockEmitters.DoubleConv(e, pooled, $"encoder.stages.{i}"));
        }

        // Decoder: from the bottleneck, block b merges the stage of the same stride (coarse to fine); no final block.
        int blocks = BlockEmitters.ChildCount(e, "decoder.blocks");
        if (blocks != stages - 1)
        {
            throw new NotSupportedException($"ONNX export: the U-Net decoder has {blocks} blocks; a {stages}-stage encoder needs {stages - 1}.");
        }

        string x = features[^1];
        for (int b = 0; b < blocks; b++)
        {
            x = BlockEmitters.UpBlock(e, x, features[features.Count - 2 - b], $"decoder.blocks.{b}");
        }

        return e.Conv(x, "head");
    }
}
