using MLSeg.Core.Errors;
using MLSeg.Models.Contracts;
using MLSeg.Models.ResNet;
using MLSeg.TestKit;
using MLSeg.Models.Engine;
using TorchSharp;
using static TorchSharp.torch;
using MLSeg.Models.Engine.Serialization;

namespace MLSeg.Models.Tests;

/// <summary>The ResNet encoder against torchvision: names, parameter counts and eval-mode features of every stage.</summary>
public sealed class ResNetEncoderTests(TorchvisionReference reference) : IClassFixture<TorchvisionReference>
{
    // float32 convolutions through 17 layers in two libtorch builds: |a − b| ≤ Atol + Rtol·|b| per element.
    private const double Atol = 1e-4;
    private const double Rtol = 1e-4;
    private static readonly string[] Stages = ["stem", "layer1", "layer2", "layer3", "layer4"];

    [NativeFact]
    public void Constructor_ResNet18_ParameterCountIsTorchvisionsMinusFc()
    {
        using var encoder = new ResNetEncoder(ResNetDepth.ResNet18, 3);
        Assert.Equal(11_689_512L - 513_000L, encoder.parameters().Sum(p => p.numel()));
    }

    [NativeFact]
    public void Constructor_ResNet34_ParameterCountIsTorchvisionsMinusFc()
    {
        using var encoder = new ResNetEncoder(ResNetDepth.ResNet34, 3);
        Assert.Equal(21_797_672L - 513_000L, encoder.parameters().Sum(p => p.numel()));
    }

    [ToolFact("py:torchvision")]
    public void StateDict_ResNet18And34_KeysAndCountsEqualTorchvisionWithoutFc()
    {
        foreach (var (name, depth) in new[] { ("resnet18", ResNetDepth.ResNet18), ("resnet34", ResNetDepth.ResNet34) })
        {
            var (keys, parameters, fc) = reference.Keys[name];
            using var encoder = new ResNetEncoder(depth, 3);
            using var scope = torch.NewDisposeScope();
            Assert.Equal(keys.Where(k => !k.StartsWith("fc.", StringComparison.Ordinal)), StateDicts.Of(encoder).Keys);
            Assert.Equal(parameters - fc, encoder.parameters().Sum(p => p.numel()));
        }
    }

    [ToolFact("py:torchvision")]
    public void LoadTorchvision_Rgb_EveryStageMatchesPyTorch()
    {
        using var encoder = new ResNetEncoder(ResNetDepth.ResNet18, 3);
        var report = EncoderWeights.LoadTorchvision(encoder, reference.WeightsPath, InputAdaptation.AverageFirstConv);
        Assert.Equal(["fc.bias", "fc.weight"], report.UnexpectedKeys);
        Assert.Empty(report.MissingKeys);
        Assert.Empty(report.ShapeMismatches);
        Assert.Equal(reference.Keys["resnet18"].Keys.Count - 2, report.LoadedKeys.Count);
        AssertStagesMatch(encoder, "input", "rgb.");
    }

    [ToolFact("py:torchvision")]
    public void LoadTorchvision_AverageFirstConv_GrayImageMatchesPyTorchWithAveragedConv1()
    {
        using var encoder = new ResNetEncoder(ResNetDepth.ResNet18, 1, InputAdaptation.AverageFirstConv);
        EncoderWeights.LoadTorchvision(encoder, reference.WeightsPath, InputAdaptation.AverageFirstConv);
        AssertStagesMatch(encoder, "gray", "avg.");
    }

    [ToolFact("py:torchvision")]
    public void LoadTorchvision_SumFirstConv_GrayImageMatchesPyTorchWithSummedConv1()
    {
        using var encoder = new ResNetEncoder(ResNetDepth.ResNet18, 1, InputAdaptation.SumFirstConv);
        EncoderWeights.LoadTorchvision(encoder, reference.WeightsPath, InputAdaptation.SumFirstConv);
        AssertStagesMatch(encoder, "gray", "sum.");
    }

    [ToolFact("py:torchvision")]
    public void LoadTorchvision_RepeatToRgb_GrayImageEqualsSummedConv1Reference()
    {
        // Repeating a gray image to RGB under the RGB conv1 is the summed-conv1 network on the gray image.
        using var encoder = new ResNetEncoder(ResNetDepth.ResNet18, 1, InputAdaptation.RepeatToRgb);
        Assert.Equal(3, encoder.FirstConvInChannels);
        EncoderWeights.LoadTorchvision(encoder, reference.WeightsPath, InputAdaptation.RepeatToRgb);
        AssertStagesMatch(encoder, "gray", "sum.");
    }

    [ToolFact("py:torchvision")]
    public void LoadTorchvision_PrefixedKeys_LoadLikeUnprefixed()
    {
        string prefixed = Path.Combine(reference.Directory, "prefixed.safetensors");
        using (var scope = torch.NewDisposeScope())
        using (SafeTensorsContent content = SafeTensors.Load(reference.WeightsPath))
        {
            SafeTensors.Save(prefixed, content.Tensors.ToDictionary(p => "backbone." + p.Key, p => p.Value));
        }

        using var encoder = new ResNetEncoder(ResNetDepth.ResNet18, 3);
        var report = EncoderWeights.LoadTorchvision(encoder, prefixed, InputAdaptation.AverageFirstConv);
        Assert.Empty(report.MissingKeys);
        Assert.Equal(["fc.bias", "fc.weight"], report.UnexpectedKeys);
        AssertStagesMatch(encoder, "input", "rgb.");
    }

    [ToolFact("py:torchvision")]
    public void LoadTorchvision_ResNet34FromResNet18File_ThrowsNamingMissingKeysAndLoadsNothing()
    {
        using var encoder = new ResNetEncoder(ResNetDepth.ResNet34, 3);
        float before = StateDicts.Of(encoder)["conv1.weight"].data<float>().ToArray()[0];
        var e = Assert.Throws<SchemaMismatchException>(() => EncoderWeights.LoadTorchvision(encoder, reference.WeightsPath, InputAdaptation.AverageFirstConv));
        Assert.Contains("layer1.2.conv1.weight", e.Message, StringComparison.Ordinal);
        Assert.Equal(before, StateDicts.Of(encoder)["conv1.weight"].data<float>().ToArray()[0]);

        var partial = EncoderWeights.LoadTorchvision(encoder, reference.WeightsPath, InputAdaptation.AverageFirstConv, requireAllEncoderKeys: false);
        Assert.Contains("layer3.5.bn2.weight", partial.MissingKeys);
        Assert.Contains("conv1.weight", partial.LoadedKeys);
    }

    private void AssertStagesMatch(ResNetEncoder encoder, string inputKey, string prefix)
    {
        encoder.eval();
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        using SafeTensorsContent refs = SafeTensors.Load(reference.FeaturesPath);
        IReadOnlyList<Tensor> features = encoder.forward(refs.Tensors[inputKey]);
        Assert.Equal(Stages.Length, features.Count);
        for (int s = 0; s < Stages.Length; s++)
        {
            Tensor want = refs.Tensors[prefix + Stages[s]];
            Assert.Equal(want.shape, features[s].shape);
            float[] expected = want.data<float>().ToArray();
            float[] actual = features[s].data<float>().ToArray();
            for (int i = 0; i < expected.Length; i++)
            {
                double excess = Math.Abs(actual[i] - expected[i]) - (Atol + (Rtol * Math.Abs(expected[i])));
                Assert.True(excess <= 0, $"{prefix}{Stages[s]}[{i}]: PyTorch {expected[i]:R}, MLSeg {actual[i]:R}");
            }
        }
    }
}
