using MLSeg.Core.Randomness;
using MLSeg.Experiments.Running;
using MLSeg.Models;
using MLSeg.Models.Contracts;
using MLSeg.Models.Engine;
using MLSeg.TestKit;

namespace MLSeg.Experiments.Tests;

/// <summary>The per-arm memory estimate behind <c>--jobs auto</c> on CUDA.</summary>
public class ArmFootprintTests
{
    [Fact]
    public void Estimate_Numbers_HandComputed()
    {
        // Stages 8@1, 16@2, 32@4 at 64×64: 8·4096 + 16·1024 + 32·256 = 57,344 values per image;
        // × batch 4 × 24 saved tensors × 4 bytes = 22,020,096. State: 16 bytes × 10,000 parameters.
        ArmFootprint f = ArmFootprint.Estimate(10_000, [8, 16, 32], [1, 2, 4], 4, 64, 64, 4);
        Assert.Equal((10_000L, 160_000L, 22_020_096L, 22_180_096L), (f.ParameterCount, f.StateBytes, f.ActivationBytes, f.TotalBytes));

        // bfloat16 activations halve that part; an odd size rounds each stage up (65 at stride 2 → 33).
        Assert.Equal(11_010_048L, ArmFootprint.Estimate(10_000, [8, 16, 32], [1, 2, 4], 4, 64, 64, 2).ActivationBytes);
        Assert.Equal(1L * 5 * 33 * 24 * 4, ArmFootprint.Estimate(0, [1], [2], 1, 10, 65, 4).ActivationBytes);
    }

    [Theory]
    [InlineData(0, 64, 64, 4)]
    [InlineData(1, 0, 64, 4)]
    [InlineData(1, 64, 64, 3)]
    public void Estimate_BadNumbers_Throw(int batch, int height, int width, int bytes) =>
        Assert.ThrowsAny<ArgumentOutOfRangeException>(() => ArmFootprint.Estimate(1, [8], [1], batch, height, width, bytes));

    [Fact]
    public void Estimate_MismatchedStages_Throws() =>
        Assert.Throws<ArgumentException>(() => ArmFootprint.Estimate(1, [8, 16], [1], 1, 8, 8, 4));

    [NativeFact]
    public void Estimate_ResNet34UNet_ReadsTheTorchvisionStages()
    {
        using var generator = SeededGenerators.Create(new SeedSource(0));
        using SegmentationNetwork network = ModelFactory.Create(new ModelConfig { Architecture = Architecture.ResNet34UNet, Depth = 5, BaseChannels = 64, NumClasses = 2 }, generator);
        ArmFootprint f = ArmFootprint.Estimate(network, 8, 256, 256, 4);

        // torchvision's resnet34 without its fc layer has 21,284,672 parameters; the decoder adds more.
        Assert.True(f.ParameterCount > 21_284_672, $"{f.ParameterCount}");
        Assert.Equal(16 * f.ParameterCount, f.StateBytes);
        // Stages 64@2, 64@4, 128@8, 256@16, 512@32 at 256²: 64·128² + 64·64² + 128·32² + 256·16² + 512·8² = 1,540,096.
        Assert.Equal(1_540_096L * 8 * ArmFootprint.SavedTensorsPerStage * 4, f.ActivationBytes);
    }
}
