using MLSeg.Core.Randomness;
using MLSeg.Models;
using MLSeg.Models.Contracts;
using MLSeg.Models.Engine;
using MLSeg.TestKit;
using MLSeg.Training.FineTuning;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace MLSeg.Training.Tests;

/// <summary>bfloat16 compute and the channels-last layout against float32 / contiguous references.</summary>
public class MixedPrecisionTests(ITestOutputHelper output)
{
    private static readonly ModelConfig SmallUNet = new() { Depth = 2, BaseChannels = 8 };

    [NativeFact]
    public void Forward_BFloat16_LogitsWithinTwoPercentOfFloat32()
    {
        using Generator g = new(11);
        using SegmentationNetwork net = ModelFactory.Create(SmallUNet, g);
        net.eval();
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        Tensor x = torch.randn([2, 1, 32, 32], generator: g);
        Tensor full = net.forward(x);
        Tensor mixed;
        using (ComputePrecision.Use(ScalarType.BFloat16))
        {
            mixed = net.forward(x);
        }

        Assert.Null(ComputePrecision.Current);
        Assert.Equal(ScalarType.Float32, full.dtype);
        Assert.Equal(ScalarType.BFloat16, mixed.dtype); // the head convolution computed in bfloat16
        float[] a = full.data<float>().ToArray();
        float[] b = mixed.to(ScalarType.Float32).data<float>().ToArray();
        float scale = a.Max(MathF.Abs);
        float worst = a.Zip(b, (p, q) => MathF.Abs(p - q)).Max();
        output.WriteLine($"max |logit| {scale}, max |bf16 − fp32| {worst} ({worst / scale:P2})");

        // bfloat16 keeps 8 significant bits (relative rounding 2^-9 per operation); through the U-Net's convolutions and
        // BatchNorms the logits stay within 2 % of their scale, and they are not bit-identical (bfloat16 really ran).
        Assert.True(worst <= 0.02f * scale, $"max |bf16 − fp32| = {worst}, above 2 % of the logits' scale {scale}");
        Assert.True(worst > 0, "bfloat16 logits equal float32 ones exactly: the reduced precision was not used");
    }

    [NativeFact]
    public void ChannelsLast_LogitsAndGradientsEqualContiguous()
    {
        (Dictionary<string, float[]> Grads, float[] Logits, bool NhwcWeights) Run(bool channelsLast)
        {
            using Generator g = new(12);
            using SegmentationNetwork net = ModelFactory.Create(SmallUNet, g);
            net.train();
            using var scope = torch.NewDisposeScope();
            using Generator data = new(13);
            Tensor x = torch.randn([2, 1, 32, 32], generator: data);
            Tensor y = torch.randint(0, 2, [2, 32, 32], generator: data);
            if (channelsLast)
            {
                ChannelsLast.Apply(net);
                x = ChannelsLast.Convert(x);
            }

            Tensor logits = net.forward(x);
            new SegmentationLoss().Compute(logits, y).backward();
            var grads = net.named_parameters().ToDictionary(p => p.name, p => p.parameter.grad!.contiguous().data<float>().ToArray());
            bool nhwc = net.parameters().Where(p => p.dim() == 4).All(NhwcInMemory);
            return (grads, logits.contiguous().data<float>().ToArray(), nhwc);
        }

        var reference = Run(channelsLast: false);
        var nhwc = Run(channelsLast: true);
        Assert.True(nhwc.NhwcWeights, "ChannelsLast.Apply left a 4-D parameter in NCHW strides");
        AssertClose(reference.Logits, nhwc.Logits, "logits");
        foreach (var (name, grad) in reference.Grads)
        {
            AssertClose(grad, nhwc.Grads[name], $"gradient of {name}");
        }
    }

    [NativeFact]
    public void Train_ChannelsLast_SameLossesAsContiguousAndWeightsStayNhwc()
    {
        (FineTuneResult Result, bool Nhwc) Run(MemoryFormat format)
        {
            using Generator g = new(14);
            using SegmentationNetwork net = ModelFactory.Create(SmallUNet, g);
            var options = new FineTuneOptions { Phases = [new("train", 3, 1e-3, 1e-3)], BatchSize = 4, Seed = new SeedSource(5), MemoryFormat = format };
            FineTuneResult result = new FineTuneTrainer(options).Train(net, TestData.Dataset(8, 16, seed: 21), TestData.Dataset(4, 16, seed: 22, "validation"));
            return (result, net.parameters().Where(p => p.dim() == 4).All(NhwcInMemory));
        }

        var contiguous = Run(MemoryFormat.Contiguous);
        var nhwc = Run(MemoryFormat.ChannelsLast);
        Assert.True(nhwc.Nhwc, "Adam's in-place updates lost the NHWC strides");
        Assert.False(contiguous.Nhwc); // the 3×3 convolutions with several input channels stay NCHW
        for (int e = 0; e < 3; e++)
        {
            double a = contiguous.Result.Log[e].TrainLoss;
            double b = nhwc.Result.Log[e].TrainLoss;
            Assert.True(Math.Abs(a - b) <= 1e-5 * Math.Max(1, Math.Abs(a)), $"epoch {e + 1}: train loss {a} (contiguous) vs {b} (channels-last)");
        }
    }

    [Fact]
    public void Validate_UnknownMemoryFormat_Throws()
    {
        var options = new FineTuneOptions { MemoryFormat = (MemoryFormat)7 };
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => options.Validate(2));
        Assert.Contains("memory format", ex.Message, StringComparison.Ordinal);
    }

    // Whether the elements lie in N, H, W, C order. ChannelsLast.Is also demands NHWC strides on size-1 dimensions, which
    // libtorch normalises (a 1-channel input conv or a 1×1 head keeps NCHW strides with the same memory order).
    private static bool NhwcInMemory(Tensor t)
    {
        using Tensor view = t.permute(0, 2, 3, 1);
        return view.is_contiguous();
    }

    // Channels-last reorders the reductions inside convolutions, so values agree to float32 rounding: |a − b| ≤ 1e-5·max(1, |a|).
    private static void AssertClose(float[] expected, float[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-5 * Math.Max(1, Math.Abs(expected[i])),
                $"{what}[{i}]: contiguous {expected[i]}, channels-last {actual[i]}");
        }
    }
}
