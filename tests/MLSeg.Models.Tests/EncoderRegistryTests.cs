using MLSeg.Models.Contracts;
using MLSeg.Models.UNets;
using MLSeg.TestKit;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLSeg.Models.Tests;

public class EncoderRegistryTests
{
    // Two stages of plain TorchSharp layers at strides 1 and 2.
    private sealed class TwoStages : Encoder
    {
        private readonly Sequential stage;
        private readonly Sequential down;

        public TwoStages(long inChannels, long channels) : base(nameof(TwoStages))
        {
            InChannels = inChannels;
            StageChannels = [channels, 2 * channels];
            stage = nn.Sequential(nn.Conv2d(inChannels, channels, 3, padding: 1), nn.ReLU());
            down = nn.Sequential(nn.Conv2d(channels, 2 * channels, 3, stride: 2, padding: 1), nn.ReLU());
            register_module("stage", stage);
            register_module("down", down);
        }

        public override long InChannels { get; }

        public override IReadOnlyList<long> StageChannels { get; }

        public override IReadOnlyList<int> StageStrides { get; } = [1, 2];

        public override IReadOnlyList<Tensor> forward(Tensor input)
        {
            Tensor a = stage.forward(input);
            return [a, down.forward(a)];
        }
    }

    [NativeFact]
    public void Create_RegisteredEncoder_WrapsItInTheUNetDecoder()
    {
        ModelFactory.RegisterEncoder("registry-test-a", (config, generator) => new TwoStages(config.InChannels, 6));
        try
        {
            using SegmentationNetwork net = ModelFactory.Create(new ModelConfig { Encoder = "registry-test-a", InChannels = 2, NumClasses = 3 });
            Assert.IsType<UNet>(net);
            Assert.IsType<TwoStages>(net.Encoder);
            Assert.Contains("encoder.stage.0.weight", net.named_parameters().Select(p => p.name));
            using Tensor x = torch.zeros(1, 2, 8, 8);
            using Tensor y = net.forward(x);
            Assert.Equal([1L, 3, 8, 8], y.shape);
            using Encoder alone = ModelFactory.CreateEncoder(new ModelConfig { Encoder = "registry-test-a" });
            Assert.IsType<TwoStages>(alone);
        }
        finally
        {
            EncoderRegistry.Unregister("registry-test-a");
        }
    }

    [Fact]
    public void Create_UnknownEncoder_NamesFieldValueRegisteredAndBuiltIns()
    {
        ModelFactory.RegisterEncoder("registry-test-b", (config, generator) => new TwoStages(config.InChannels, 4));
        try
        {
            var ex = Assert.Throws<ArgumentException>(() => ModelFactory.Create(new ModelConfig { Encoder = "nope" }));
            Assert.Contains("ModelConfig.Encoder = 'nope'", ex.Message, StringComparison.Ordinal);
            Assert.Contains("registry-test-b", ex.Message, StringComparison.Ordinal);
            Assert.Contains("unet, resnet18, resnet34", ex.Message, StringComparison.Ordinal);

            var arch = Assert.Throws<ArgumentOutOfRangeException>(() => ModelFactory.Create(new ModelConfig { Encoder = "registry-test-b", Architecture = Architecture.ResNet18UNet }));
            Assert.Contains("ModelConfig.Architecture = ResNet18UNet", arch.Message, StringComparison.Ordinal);
        }
        finally
        {
            EncoderRegistry.Unregister("registry-test-b");
        }
    }

    [NativeFact]
    public void Create_EncoderWithOtherInputChannels_Throws()
    {
        ModelFactory.RegisterEncoder("registry-test-c", (config, generator) => new TwoStages(3, 4));
        try
        {
            var ex = Assert.Throws<ArgumentException>(() => ModelFactory.Create(new ModelConfig { Encoder = "registry-test-c", InChannels = 1 }));
            Assert.Contains("Encoder 'registry-test-c' takes 3 input channels; ModelConfig.InChannels is 1", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            EncoderRegistry.Unregister("registry-test-c");
        }
    }

    [Fact]
    public void Register_BuiltInOrMalformedName_Throws()
    {
        Assert.Contains("built-in", Assert.Throws<ArgumentException>(() => EncoderRegistry.Register("resnet18", (c, g) => new TwoStages(1, 4))).Message, StringComparison.Ordinal);
        Assert.Contains("not valid", Assert.Throws<ArgumentException>(() => EncoderRegistry.Register("My Encoder", (c, g) => new TwoStages(1, 4))).Message, StringComparison.Ordinal);
        Assert.False(EncoderRegistry.IsRegistered("My Encoder"));
    }
}
