using MLSeg.Models.ResNet;

namespace MLSeg.Onnx.Export;

/// <summary>
/// Emits a <see cref="ResNetUNet"/> in the order of <c>ResNetUNet.forward</c> → <c>ResNetEncoder.forward</c> (RGB
/// repeat, stem, max-pool, layer1…layer4) → <c>SkipDecoder.Forward</c> (four skip blocks, then the final
/// full-resolution block merging the input image when <see cref="ResNetUNet.MergesInput"/>) → head.
/// </summary>
internal static class ResNetUNetOnnxExporter
{
    /// <summary>Returns the name of the logits (N, K, H, W) computed from <paramref name="input"/>.</summary>
    public static string Emit(ModuleEmitter e, ResNetUNet network, string input)
    {
        ResNetEncoder encoder = network.ResNet;
        e.RequireBlock("decoder", ModuleKinds.SkipDecoderType);

        // input.repeat(1, 3, 1, 1) of a 1-channel image is the image concatenated three times along the channels.
        string rgb = encoder.RepeatsToRgb ? e.Builder.Concat([input, input, input], 1) : input;
        string stem = e.Builder.Relu(e.ConvNorm(rgb, "encoder.conv1", "encoder.bn1"));
        var features = new List<string>(5) { stem };
        // ResNetEncoder.forward max-pools functionally (3×3, stride 2, padding 1), as torchvision's registered maxpool does.
        string x = e.MaxPool(stem, (3, 3), (2, 2), (1, 1));
        for (int layer = 1; layer <= 4; layer++)
        {
            // layerN is a Sequential of BasicBlocks: emitted child by child, as Sequential.forward runs them.
            x = e.Module(x, $"encoder.layer{layer}");
            features.Add(x);
        }

        int blocks = BlockEmitters.ChildCount(e, "decoder.blocks");
        int skipBlocks = features.Count - 1;
        if (blocks != skipBlocks + 1)
        {
            throw new NotSupportedException($"ONNX export: the ResNet U-Net decoder has {blocks} blocks; expected {skipBlocks} skip blocks and one final block.");
        }

        string y = features[^1];
        for (int b = 0; b < skipBlocks; b++)
        {
            y = BlockEmitters.UpBlock(e, y, features[features.Count - 2 - b], $"decoder.blocks.{b}");
        }

        // The final block merges the original (not RGB-repeated) input, as SkipDecoder.Forward is given it.
        y = BlockEmitters.UpBlock(e, y, network.MergesInput ? input : null, $"decoder.blocks.{skipBlocks}");
        return e.Conv(y, "head");
    }
}
