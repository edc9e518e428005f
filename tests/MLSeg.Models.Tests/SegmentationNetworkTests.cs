using MLSeg.Models.Contracts;
using MLSeg.TestKit;
using MLSeg.Torch;
using MLSeg.Torch.NN;
using MLSeg.Torch.Optim;
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
        using var g = new Generator(5);
        using SegmentationNetwork net = ModelFactory.Create(config, g);
        using var scope = Torch.Torch.NewDisposeScope();
        var before = net.StateDict().ToDictionary(p => p.Key, p => ModelFactoryTests.Values(p.Value));
        net.ResetHead(7, g);
        var after = net.StateDict();
        Assert.Equal(before.Keys, after.Keys);
        Assert.Equal(7, net.NumClasses);
        foreach (var (key, value) in after)
        {
            if (key.StartsWith("head.", StringComparison.Ordinal))
            {
                Assert.Equal(7, value.Shape[0]);
            }
            else
            {
                Assert.True(before[key].AsSpan().SequenceEqual(ModelFactoryTests.Values(value)), $"{key} changed");
            }
        }

        Assert.Equal([1, 7, 32, 32], net.Forward(Torch.Torch.Zeros([1, 1, 32, 32])).Shape);
        Assert.Contains(net.Parameters(), p => p.Shape[0] == 7);
    }

    [NativeTheory]
    [MemberData(nameof(Families))]
    public void EncoderAndDecoderParameters_PartitionParameters(ModelConfig config)
    {
        using SegmentationNetwork net = ModelFactory.Create(config);
        var all = net.NamedParameters().ToList();
        var encoder = net.EncoderParameters().ToList();
        var decoder = net.DecoderParameters().ToList();
        Assert.Equal(all.Count, encoder.Count + decoder.Count);
        Assert.Empty(encoder.Intersect(decoder, ReferenceEqualityComparer.Instance));
        Assert.Equal(all.Where(p => p.Key.StartsWith("encoder.", StringComparison.Ordinal)).Select(p => p.Value), encoder);
        Assert.Equal(all.Where(p => !p.Key.StartsWith("encoder.", StringComparison.Ordinal)).Select(p => p.Value), decoder);
    }

    [NativeTheory]
    [MemberData(nameof(Families))]
    public void Forward_TrainingStepWithBackward_LeavesOnlyInputsAndOutputInScope(ModelConfig config)
    {
        using SegmentationNetwork net = ModelFactory.Create(config);
        net.Train();
        using var scope = Torch.Torch.NewDisposeScope();
        Tensor input = Torch.Torch.Randn([2, 1, 32, 32]);
        int live = scope.Count;
        Tensor logits = net.Forward(input);
        Assert.Equal(live + 1, scope.Count);
        using (Tensor loss = logits.Mean())
        {
            loss.Backward();
        }

        Assert.Equal(live + 1, scope.Count);
        net.Eval();
        using (Torch.Torch.NoGrad())
        {
            net.Forward(input).Dispose();
        }

        Assert.Equal(live + 1, scope.Count);
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

        using var g = new Generator(3);
        using SegmentationNetwork net = ModelFactory.Create(new ModelConfig { Depth = 3, BaseChannels = 8, Upsampling = upsampling }, g);
        using var optimizer = new Adam(net.Parameters(), 1e-2);
        using Tensor x0 = Torch.Torch.FromArray(image, 1, 1, size, size);
        using Tensor y0 = Torch.Torch.FromArray(mask, 1, size, size);
        const int steps = 40;
        for (int step = 0; step < steps; step++)
        {
            using var scope = Torch.Torch.NewDisposeScope();
            optimizer.ZeroGrad();
            Tensor loss = Functional.CrossEntropy(net.Forward(x0), y0);
            loss.Backward();
            optimizer.Step();
        }

        net.Eval();
        using var evalScope = Torch.Torch.NewDisposeScope();
        using var noGrad = Torch.Torch.NoGrad();
        long[] predicted = net.Forward(x0).ArgMax(1).ToArray<long>();
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
}
