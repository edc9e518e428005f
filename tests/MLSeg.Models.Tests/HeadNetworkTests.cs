using MLSeg.Models.Contracts;
using MLSeg.Models.Heads;
using MLSeg.Models.ResNet;
using MLSeg.Models.UNets;
using MLSeg.TestKit;
using MLSeg.Models.Engine;
using TorchSharp;
using static TorchSharp.torch;

namespace MLSeg.Models.Tests;

/// <summary>Shapes, names and input checks of the pretraining networks.</summary>
public sealed class HeadNetworkTests
{
    [NativeFact]
    public void ClassificationNetwork_ResNetEncoder_LogitsPerImageAndTorchvisionLikeNames()
    {
        using var g = new Generator(2UL);
        using var net = new ClassificationNetwork(new ResNetEncoder(ResNetDepth.ResNet18, 3, generator: g), 10, g);
        using var scope = torch.NewDisposeScope();
        Assert.Equal([3, 10], net.forward(torch.randn([3, 3, 64, 32], generator: g)).shape);
        Assert.Equal([10, 512], StateDicts.Of(net)["fc.weight"].shape);
        Assert.All(StateDicts.Of(net).Keys, k => Assert.True(k.StartsWith("encoder.", StringComparison.Ordinal) || k.StartsWith("fc.", StringComparison.Ordinal), k));
    }

    [NativeFact]
    public void JigsawNetwork_NineTilesPerPuzzle_PermutationLogitsPerPuzzle()
    {
        using var g = new Generator(2UL);
        using var net = new JigsawNetwork(new UNetEncoder(1, depth: 2, baseChannels: 4, generator: g), numPermutations: 30, hiddenFeatures: 64, generator: g);
        using var scope = torch.NewDisposeScope();
        Assert.Equal([2, 30], net.forward(torch.randn([18, 1, 12, 12], generator: g)).shape);
        Assert.Equal([64, 9 * 16], StateDicts.Of(net)["mlp.0.weight"].shape);
        Assert.Equal([30, 64], StateDicts.Of(net)["mlp.2.weight"].shape);
        var e = Assert.Throws<ArgumentException>(() => net.forward(torch.randn([10, 1, 12, 12], generator: g)));
        Assert.Contains("(N·9, C, t, t)", e.Message, StringComparison.Ordinal);
    }

    [NativeFact]
    public void JigsawNetwork_PuzzleTileOrder_ChangesLogits()
    {
        // The MLP sees tiles in order: swapping two tiles of a puzzle must change its logits.
        using var g = new Generator(4UL);
        using var net = new JigsawNetwork(new UNetEncoder(1, depth: 1, baseChannels: 4, generator: g), numPermutations: 5, hiddenFeatures: 16, generator: g);
        net.eval();
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        Tensor tiles = torch.randn([9, 1, 8, 8], generator: g);
        Tensor swapped = tiles.index_select(0, torch.tensor(new long[] { 1, 0, 2, 3, 4, 5, 6, 7, 8 }));
        Assert.False(net.forward(tiles).allclose(net.forward(swapped), 1e-4, 1e-6));
    }

    public static TheoryData<string, long, int, int> Reconstructions => new()
    {
        { "unet", 1, 16, 24 },
        { "resnet", 1, 64, 32 },
        { "unet", 3, 8, 8 },
    };

    [NativeTheory]
    [MemberData(nameof(Reconstructions))]
    public void ReconstructionNetwork_Encoder_OutputHasInputSizeAndNoSkipDecoder(string family, long channels, int height, int width)
    {
        using var g = new Generator(6UL);
        Encoder encoder = family == "unet"
            ? new UNetEncoder(channels, depth: 3, baseChannels: 4, generator: g)
            : new ResNetEncoder(ResNetDepth.ResNet18, channels, generator: g);
        using var net = new ReconstructionNetwork(encoder, channels, NormKind.Group, 4, UpsamplingKind.Bilinear, g);
        using var scope = torch.NewDisposeScope();
        Assert.Equal([2, channels, height, width], net.forward(torch.randn([2, channels, height, width], generator: g)).shape);
        int blocks = (int)Math.Log2(encoder.RequiredDivisor);
        var decoderKeys = StateDicts.Of(net).Keys.Where(k => k.StartsWith("decoder.", StringComparison.Ordinal)).ToList();
        Assert.Equal(Enumerable.Range(0, blocks).Select(b => $"decoder.blocks.{b}"), decoderKeys.Select(k => string.Join('.', k.Split('.').Take(3))).Distinct());

        // Without skips, the first decoder block's convolution sees exactly the upsampled bottleneck channels.
        long firstOut = StateDicts.Of(net)["decoder.blocks.0.conv.conv1.weight"].shape[0];
        Assert.Equal(firstOut, StateDicts.Of(net)["decoder.blocks.0.conv.conv1.weight"].shape[1]);
    }
}
