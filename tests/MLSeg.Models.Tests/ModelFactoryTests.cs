using MLSeg.Models.Contracts;
using MLSeg.Models.ResNet;
using MLSeg.Models.UNets;
using MLSeg.TestKit;
using MLSeg.Models.Engine;
using TorchSharp;
using static TorchSharp.torch;

namespace MLSeg.Models.Tests;

/// <summary>Shapes, validation and determinism of every network family built from a ModelConfig.</summary>
public sealed class ModelFactoryTests
{
    public static TheoryData<ModelConfig, int, int> Configs => new()
    {
        { new ModelConfig { Depth = 1, BaseChannels = 4, InChannels = 1, NumClasses = 2 }, 16, 8 },
        { new ModelConfig { Depth = 3, BaseChannels = 6, Norm = NormKind.Group, NormGroups = 3, Upsampling = UpsamplingKind.Bilinear, InChannels = 2, NumClasses = 3 }, 24, 16 },
        { new ModelConfig { Depth = 5, BaseChannels = 2, Norm = NormKind.Group, NormGroups = 2, NumClasses = 1 }, 32, 64 },
        { new ModelConfig { Architecture = Architecture.ResNet18UNet, InChannels = 1, NumClasses = 4, Norm = NormKind.Group, NormGroups = 8, Upsampling = UpsamplingKind.Bilinear }, 32, 64 },
        { new ModelConfig { Architecture = Architecture.ResNet34UNet, InChannels = 3, NumClasses = 2 }, 64, 32 },
        { new ModelConfig { Architecture = Architecture.ResNet18UNet, InChannels = 1, NumClasses = 3, InputAdaptation = InputAdaptation.RepeatToRgb }, 32, 32 },
        { new ModelConfig { Architecture = Architecture.ResNet18UNet, InChannels = 2, NumClasses = 2, InputAdaptation = InputAdaptation.SumFirstConv }, 32, 96 },
    };

    [NativeTheory]
    [MemberData(nameof(Configs))]
    public void Create_Config_ForwardGivesClassLogitsAtInputSize(ModelConfig config, int height, int width)
    {
        using var g = new Generator(1UL);
        using SegmentationNetwork net = ModelFactory.Create(config, g);
        using var scope = torch.NewDisposeScope();
        Tensor output = net.forward(torch.randn([2, config.InChannels, height, width], generator: g));
        Assert.Equal([2, config.NumClasses, height, width], output.shape);
        Assert.Equal(config.NumClasses, net.NumClasses);
        Assert.All(StateDicts.Of(net).Keys, k => Assert.True(k.StartsWith("encoder.", StringComparison.Ordinal) || k.StartsWith("decoder.", StringComparison.Ordinal) || k.StartsWith("head.", StringComparison.Ordinal), k));
    }

    [NativeTheory]
    [MemberData(nameof(Configs))]
    public void CreateEncoder_Config_StagesHaveDeclaredChannelsAndStrides(ModelConfig config, int height, int width)
    {
        using var g = new Generator(1UL);
        using Encoder encoder = ModelFactory.CreateEncoder(config, g);
        using var scope = torch.NewDisposeScope();
        IReadOnlyList<Tensor> features = encoder.forward(torch.randn([1, config.InChannels, height, width], generator: g));
        Assert.Equal(encoder.StageChannels.Count, features.Count);
        for (int s = 0; s < features.Count; s++)
        {
            Assert.Equal([1, encoder.StageChannels[s], height / encoder.StageStrides[s], width / encoder.StageStrides[s]], features[s].shape);
        }

        Assert.Equal(config.Architecture == Architecture.UNet ? 1 << config.Depth : 32, encoder.RequiredDivisor);
    }

    public static TheoryData<ModelConfig, string> Invalid => new()
    {
        { new ModelConfig { Depth = 0 }, "ModelConfig.Depth = 0: expected ≥ 1" },
        { new ModelConfig { BaseChannels = 0 }, "ModelConfig.BaseChannels = 0: expected ≥ 1" },
        { new ModelConfig { NumClasses = 0 }, "ModelConfig.NumClasses = 0: expected ≥ 1" },
        { new ModelConfig { InChannels = -1 }, "ModelConfig.InChannels = -1: expected ≥ 1" },
        { new ModelConfig { Norm = NormKind.Group, NormGroups = 0 }, "ModelConfig.NormGroups = 0: expected ≥ 1" },
        { new ModelConfig { Norm = NormKind.Group, NormGroups = 3, BaseChannels = 32 }, "NormGroups = 3 does not divide the channel counts 32, 64, 128, 256, 512" },
        { new ModelConfig { Architecture = Architecture.ResNet18UNet, Norm = NormKind.Group, NormGroups = 24 }, "NormGroups = 24 does not divide the channel counts 32, 64, 128, 256, 512" },
        { new ModelConfig { Architecture = (Architecture)7 }, "ModelConfig.Architecture = 7: expected one of" },
    };

    [NativeTheory]
    [MemberData(nameof(Invalid))]
    public void Create_InvalidConfig_ThrowsNamingFieldValueAndExpectation(ModelConfig config, string message)
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => ModelFactory.Create(config));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [NativeTheory]
    [InlineData(Architecture.UNet, 30, 32, "multiples of 16")]
    [InlineData(Architecture.ResNet18UNet, 48, 64, "multiples of 32")]
    public void Forward_SizeNotMultipleOfDivisor_ThrowsNamingSizeAndDivisor(Architecture architecture, int height, int width, string expected)
    {
        using SegmentationNetwork net = ModelFactory.Create(new ModelConfig { Architecture = architecture, BaseChannels = 4 });
        using var scope = torch.NewDisposeScope();
        var e = Assert.Throws<ArgumentException>(() => net.forward(torch.zeros([1, 1, height, width])));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.Contains($"{height}×{width}", e.Message, StringComparison.Ordinal);
    }

    [NativeFact]
    public void Forward_WrongChannelCount_ThrowsNamingInChannels()
    {
        using SegmentationNetwork net = ModelFactory.Create(new ModelConfig { BaseChannels = 4, Depth = 2 });
        using var scope = torch.NewDisposeScope();
        var e = Assert.Throws<ArgumentException>(() => net.forward(torch.zeros([1, 3, 16, 16])));
        Assert.Contains("expects 1 input channel(s) (ModelConfig.InChannels); got 3", e.Message, StringComparison.Ordinal);
    }

    [NativeTheory]
    [InlineData(Architecture.UNet)]
    [InlineData(Architecture.ResNet18UNet)]
    public void Create_SameSeed_IdenticalInitialWeights_OtherSeedDiffers(Architecture architecture)
    {
        var config = new ModelConfig { Architecture = architecture, BaseChannels = 8, Depth = 3 };
        using var g1 = new Generator(42UL);
        using var g2 = new Generator(42UL);
        using var g3 = new Generator(43UL);
        using SegmentationNetwork a = ModelFactory.Create(config, g1);
        using SegmentationNetwork b = ModelFactory.Create(config, g2);
        using SegmentationNetwork c = ModelFactory.Create(config, g3);
        using var scope = torch.NewDisposeScope();
        var sa = StateDicts.Of(a);
        var sb = StateDicts.Of(b);
        var sc = StateDicts.Of(c);
        Assert.Equal(sa.Keys, sb.Keys);
        foreach (var (key, value) in sa)
        {
            Assert.True(Values(value).AsSpan().SequenceEqual(Values(sb[key])), key);
        }

        Assert.False(sa["encoder." + (architecture == Architecture.UNet ? "stages.0.conv1.weight" : "conv1.weight")].data<float>().ToArray().AsSpan()
            .SequenceEqual(sc["encoder." + (architecture == Architecture.UNet ? "stages.0.conv1.weight" : "conv1.weight")].data<float>().ToArray()));
    }

    internal static double[] Values(Tensor t) => t.to(ScalarType.Float64).data<double>().ToArray();

    [NativeFact]
    public void Create_ResNetUNet_EncoderIsTorchvisionNamed()
    {
        using SegmentationNetwork net = ModelFactory.Create(new ModelConfig { Architecture = Architecture.ResNet18UNet });
        var resnet = Assert.IsType<ResNetUNet>(net).ResNet;
        Assert.Equal(ResNetDepth.ResNet18, resnet.Depth);
        Assert.Equal(1, resnet.FirstConvInChannels);
        Assert.Contains(net.named_parameters(), p => p.name == "encoder.layer2.0.downsample.0.weight");
        Assert.Contains(net.named_buffers(), p => p.name == "encoder.layer1.0.bn1.running_mean");
        Assert.IsType<UNetEncoder>(ModelFactory.CreateEncoder(new ModelConfig()));
    }
}
