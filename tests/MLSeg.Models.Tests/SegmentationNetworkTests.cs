using MLSeg.Models.Contracts;
using MLSeg.TestKit;
using MLSeg.Models.Engine;
using TorchSharp;
using static TorchSharp.torch;
using Xunit.Abstractions;

namespace MLSeg.Models.Tests;

/// <summary>Head replacement, parameter partitions, tensor hygiene and trainability of the segmentation networks.</summary>
public sealed class SegmentationNetworkTests(ITestOutputHelper output)
{
    public static TheoryData<ModelConfig> Families => new()
    {
        new ModelConfig { Depth = 3, BaseChannels = 8, Norm = NormKind.Group, NormGroups = 4 },
        new ModelConfig { Depth = 2, BaseChannels = 4, Upsampling = UpsamplingKind.Bilinear },
        new ModelConfig { Architecture = Architecture.ResNet18UNet, Upsampling = UpsamplingKind.Bilinear },
        new ModelConfig { Architecture = Architecture.ResNet34UNet, InputAdaptation = InputAdaptation.RepeatToRgb, Norm = NormKind.Group },
    };

    [NativeTheory]
    [MemberData(nameof(Families))]
    public void ResetHead_NewClassCount_ChangesOnlyHeadParameters(ModelConfig config)
    {
        using var g = new Generator(5UL);
        using SegmentationNetwork net = ModelFactory.Create(config, g);
        using var scope = torch.NewDisposeScope();
        var before = StateDicts.Of(net).ToDictionary(p => p.Key, p => ModelFactoryTests.Values(p.Value));
        net.ResetHead(7, g);
        var after = StateDicts.Of(net);
        Assert.Equal(before.Keys, after.Keys);
        Assert.Equal(7, net.NumClasses);
        foreach (var (key, value) in after)
        {
            if (key.StartsWith("head.", StringComparison.Ordinal))
            {
                Assert.Equal(7, value.shape[0]);
            }
            else
            {
                Assert.True(before[key].AsSpan().SequenceEqual(ModelFactoryTests.Values(value)), $"{key} changed");
            }
        }

        Assert.Equal([1, 7, 32, 32], net.forward(torch.zeros([1, 1, 32, 32])).shape);
        Assert.Contains(net.parameters(), p => p.shape[0] == 7);
    }

    [NativeTheory]
    [MemberData(nameof(Families))]
    public void EncoderAndDecoderParameters_PartitionParameters(ModelConfig config)
    {
        using SegmentationNetwork net = ModelFactory.Create(config);
        var all = net.named_parameters().ToList();
        var encoder = net.EncoderParameters().ToList();
        var decoder = net.DecoderParameters().ToList();
        Assert.Equal(all.Count, encoder.Count + decoder.Count);
        Assert.Empty(encoder.Intersect(decoder, ReferenceEqualityComparer.Instance));
        Assert.Equal(all.Where(p => p.name.StartsWith("encoder.", StringComparison.Ordinal)).Select(p => p.parameter), encoder);
        Assert.Equal(all.Where(p => !p.name.StartsWith("encoder.", StringComparison.Ordinal)).Select(p => p.parameter), decoder);
    }

    [NativeTheory]
    [MemberData(nameof(Families))]
    public void Forward_TrainingStepWithBackward_LeavesOnlyInputsAndOutputInScope(ModelConfig config)
    {
        using SegmentationNetwork net = ModelFactory.Create(config);
        net.train();
        using var scope = torch.NewDisposeScope();
        Tensor input = torch.randn([2, 1, 32, 32]);
        int live = scope.DisposablesCount;
        Tensor logits = net.forward(input);
        Assert.Equal(live + 1, scope.DisposablesCount);
        using (Tensor loss = logits.mean())
        {
            loss.backward();
        }

        Assert.Equal(live + 1, scope.DisposablesCount);
        net.eval();
        using (torch.no_grad())
        {
            net.forward(input).Dispose();
        }

        Assert.Equal(live + 1, scope.DisposablesCount);
    }

    [NativeTheory]
    [InlineData(UpsamplingKind.Transpose)]
    [InlineData(UpsamplingKind.Bilinear)]
    public void UNet_OneSyntheticImage_OverfitsToDiceAbove09(UpsamplingKind upsampling)
    {
        const int size = 32;
        var image = new float[size * size];
        var mask = new long[size * size];
        var rng = new Random(11);
        for (int y = 0; y < size; y++)
        {
            for (int x = 0; x < size; x++)
            {
                // A disk and a bar, plus uniform noise in ±0.3.
                bool inside = ((x - 12) * (x - 12)) + ((y - 14) * (y - 14)) <= 36 || (x >= 22 && x <= 26 && y >= 4 && y <= 28);
                image[(y * size) + x] = (inside ? 1f : 0f) + (float)((rng.NextDouble() - 0.5) * 0.6);
                mask[(y * size) + x] = inside ? 1 : 0;
            }
        }

        using var g = new Generator(3UL);
        using SegmentationNetwork net = ModelFactory.Create(new ModelConfig { Depth = 3, BaseChannels = 8, Upsampling = upsampling }, g);
        using var optimizer = torch.optim.Adam(net.parameters(), 1e-2);
        using Tensor x0 = torch.tensor(image, 1, 1, size, size);
        using Tensor y0 = torch.tensor(mask, new long[] { 1, size, size });
        const int steps = 40;
        for (int step = 0; step < steps; step++)
        {
            using var scope = torch.NewDisposeScope();
            optimizer.zero_grad();
            Tensor loss = nn.functional.cross_entropy(net.forward(x0), y0);
            loss.backward();
            optimizer.step();
        }

        net.eval();
        using var evalScope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        long[] predicted = net.forward(x0).argmax(1).data<long>().ToArray();
        int both = 0, sum = 0;
        for (int i = 0; i < mask.Length; i++)
        {
            both += predicted[i] == 1 && mask[i] == 1 ? 1 : 0;
            sum += (predicted[i] == 1 ? 1 : 0) + (mask[i] == 1 ? 1 : 0);
        }

        double dice = 2.0 * both / sum;
        output.WriteLine($"{upsampling}: Dice after {steps} Adam steps = {dice:F4}");
        Assert.True(dice > 0.9, $"Dice {dice:F4} after {steps} steps");
    }

    [NativeTheory]
    [MemberData(nameof(Families))]
    public void To_OtherDtype_ForwardUsesMovedTensorsAndKeysStay(ModelConfig config)
    {
        // TorchSharp's Module.to rewrites tensor fields by reflection; MLSeg's layers read registered tensors instead.
        using SegmentationNetwork net = ModelFactory.Create(config);
        using var scope = torch.NewDisposeScope();
        var before = StateDicts.Of(net).Keys.ToList();
        net.to(ScalarType.Float64);
        var after = StateDicts.Of(net);
        Assert.Equal(before, after.Keys);
        Assert.All(after.Where(p => !p.Key.EndsWith("num_batches_tracked", StringComparison.Ordinal)), p => Assert.Equal(ScalarType.Float64, p.Value.dtype));
        net.train();
        Tensor logits = net.forward(torch.randn([2, 1, 32, 32], ScalarType.Float64));
        Assert.Equal(ScalarType.Float64, logits.dtype);
        Assert.All(after.Where(p => p.Key.EndsWith("num_batches_tracked", StringComparison.Ordinal)), p => Assert.Equal(1L, p.Value.item<long>()));
    }
}
