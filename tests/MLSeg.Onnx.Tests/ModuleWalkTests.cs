using MLSeg.Core.Randomness;
using MLSeg.Models.Engine;
using MLSeg.Models.Layers;
using MLSeg.Onnx.Export;
using MLSeg.Onnx.Proto;
using MLSeg.TestKit;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLSeg.Onnx.Tests;

/// <summary>
/// The exporter's walk over a network's modules by dotted path: what it follows (the contents of TorchSharp
/// Sequentials), and what it refuses (module types it does not know, modules the family's forward does not use).
/// </summary>
public class ModuleWalkTests
{
    public static TheoryData<string, string, string> ForeignModules => new()
    {
        // U-Net depth 2, 8 base channels: decoder block 0 upsamples 32 → 16 channels (Upsample, Conv2dLayer).
        { "unet-batch-bilinear", "decoder.blocks.0.up", "decoder.blocks.0.up.2" },
        // ResNet-18: layer1 is a Sequential of two 64-channel BasicBlocks.
        { "resnet18-average-batch-transpose", "encoder.layer1", "encoder.layer1.2" },
    };

    [NativeTheory]
    [MemberData(nameof(ForeignModules))]
    public void Export_TorchSharpConv2dInSequential_ThrowsNamingPathAndType(string name, string sequential, string expectedPath)
    {
        using SegmentationNetworkScope scope = new(ExportCases.Create(name));
        Sequential target = ExportCases.Module<Sequential>(scope.Network, sequential);
        long channels = sequential.StartsWith("encoder", StringComparison.Ordinal) ? 64 : 16;
        target.append(nn.Conv2d(channels, channels, 3, padding: 1));
        // The network itself still runs: the module is a legitimate part of it, just not one the exporter knows.
        using (torch.no_grad())
        using (Tensor input = ExportCases.Input(1, 1, 64, 64, 3))
        using (Tensor logits = scope.Network.forward(input))
        {
            Assert.Equal(64, logits.shape[3]);
        }

        var e = Assert.Throws<NotSupportedException>(() => OnnxExporter.Export(scope.Network));
        Assert.Contains($"'{expectedPath}'", e.Message, StringComparison.Ordinal);
        Assert.Contains("TorchSharp.Modules.Conv2d", e.Message, StringComparison.Ordinal);
    }

    [NativeFact]
    public void Export_ModuleTheForwardDoesNotUse_ThrowsNamingItsTensors()
    {
        using SegmentationNetworkScope scope = new(ExportCases.Create("unet-group-transpose"));
        scope.Network.register_module("extra", new Conv2dLayer(8, 8, 1));
        var e = Assert.Throws<NotSupportedException>(() => OnnxExporter.Export(scope.Network));
        Assert.Contains("extra.weight", e.Message, StringComparison.Ordinal);
        Assert.Contains("extra.bias", e.Message, StringComparison.Ordinal);
    }

    [NativeTheory]
    [InlineData(false)]
    [InlineData(true)]
    public void Verify_KnownLayersAppendedToSequential_AreExportedInOrder(bool fold)
    {
        using SegmentationNetworkScope scope = new(ExportCases.Create("unet-batch-bilinear"));
        // decoder.blocks.0.up becomes Upsample → Conv2dLayer → BatchNorm2dLayer (folded into the conv when folding is on)
        // → ReLU → MaxPool2d 3×3 stride 1 → LinearLayer over the width (16 at a 32×32 input).
        var bn = new BatchNorm2dLayer(16);
        using (torch.no_grad())
        using (Generator g = SeededGenerators.Create(new SeedSource(21)))
        {
            bn.Weight.normal_(1, 0.2, g);
            bn.Bias.normal_(0, 0.2, g);
            bn.RunningMean.normal_(0, 0.2, g);
            bn.RunningVar.uniform_(0.5, 1.5, g);
        }

        ExportCases.Module<Sequential>(scope.Network, "decoder.blocks.0.up")
            .append(bn).append(nn.ReLU()).append(nn.MaxPool2d(3, 1, 1)).append(new LinearLayer(16, 16));
        byte[] model = OnnxExporter.Export(scope.Network, new OnnxExportOptions { FoldBatchNorm = fold });

        using Tensor input = ExportCases.Input(2, 1, 32, 32, 4);
        double diff = OnnxExporter.Verify(scope.Network, model, input);
        Assert.True(diff <= OnnxExporter.VerifyTolerance, $"fold={fold}: max |ORT − engine| = {diff}");
        ModelProto proto = ModelProto.Parser.ParseFrom(model);
        // Without folding: 2 DoubleConvs per encoder stage ×3 + decoder 2 × 2 + the appended one.
        Assert.Equal(fold ? 0 : 11, proto.Graph.Node.Count(n => n.OpType == "BatchNormalization"));
        Assert.Contains(proto.Graph.Initializer, t => t.Name == "decoder.blocks.0.up.5.weight");
        // The encoder max-pools twice (depth 2), plus the appended pool.
        Assert.Equal(3, proto.Graph.Node.Count(n => n.OpType == "MaxPool"));
    }
}
