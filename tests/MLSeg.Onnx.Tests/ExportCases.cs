using MLSeg.Core.Randomness;
using MLSeg.Models;
using MLSeg.Models.Contracts;
using MLSeg.Models.Engine;
using MLSeg.Models.Layers;
using TorchSharp;
using static TorchSharp.torch;

namespace MLSeg.Onnx.Tests;

/// <summary>Small networks of every exported family, with non-trivial norm parameters and running statistics.</summary>
internal static class ExportCases
{
    /// <summary>Configurations by name; U-Nets are depth 2, 8 base channels (inputs: multiples of 4), ResNets need multiples of 32.</summary>
    public static IReadOnlyDictionary<string, ModelConfig> Configs { get; } = new Dictionary<string, ModelConfig>(StringComparer.Ordinal)
    {
        ["unet-batch-transpose"] = UNet(NormKind.Batch, UpsamplingKind.Transpose),
        ["unet-batch-bilinear"] = UNet(NormKind.Batch, UpsamplingKind.Bilinear),
        ["unet-group-transpose"] = UNet(NormKind.Group, UpsamplingKind.Transpose),
        ["unet-group-bilinear"] = UNet(NormKind.Group, UpsamplingKind.Bilinear) with { InChannels = 2 },
        ["resnet18-average-batch-transpose"] = ResNet(InputAdaptation.AverageFirstConv, NormKind.Batch, UpsamplingKind.Transpose),
        ["resnet18-repeat-batch-bilinear"] = ResNet(InputAdaptation.RepeatToRgb, NormKind.Batch, UpsamplingKind.Bilinear),
        ["resnet18-average-group-bilinear"] = ResNet(InputAdaptation.AverageFirstConv, NormKind.Group, UpsamplingKind.Bilinear),
    };

    public static TheoryData<string, bool> NamesWithFolding()
    {
        var data = new TheoryData<string, bool>();
        foreach (string name in Configs.Keys)
        {
            data.Add(name, false);
            data.Add(name, true);
        }

        return data;
    }

    /// <summary>
    /// Builds the named network (seeded) and gives its norms non-trivial affine parameters; BatchNorm running statistics
    /// come from three training-mode passes over random batches, so eval-mode BN differs from batch statistics.
    /// </summary>
    public static SegmentationNetwork Create(string name, long seed = 11)
    {
        using Generator generator = SeededGenerators.Create(new SeedSource((ulong)seed));
        SegmentationNetwork network = ModelFactory.Create(Configs[name], generator);
        using (torch.no_grad())
        {
            foreach (var (_, module) in network.named_modules())
            {
                if (module is BatchNorm2dLayer or GroupNormLayer)
                {
                    foreach (var (key, p) in module.named_parameters())
                    {
                        p.normal_(key == "weight" ? 1.0 : 0.0, 0.2, generator);
                    }
                }
            }

            network.train();
            long c = Configs[name].InChannels;
            for (int i = 0; i < 3; i++)
            {
                using Tensor batch = torch.randn([4, c, 64, 64], generator: generator);
                using Tensor _ = network.forward(batch);
            }
        }

        network.eval();
        return network;
    }

    /// <summary>A seeded standard-normal batch.</summary>
    public static Tensor Input(long n, long c, long h, long w, long seed)
    {
        using Generator generator = SeededGenerators.Create(new SeedSource((ulong)seed));
        return torch.randn([n, c, h, w], generator: generator);
    }

    /// <summary>The module of <paramref name="network"/> at the dotted <paramref name="path"/> (PyTorch's <c>get_submodule</c>).</summary>
    public static T Module<T>(nn.Module network, string path) where T : nn.Module =>
        Assert.IsAssignableFrom<T>(network.named_modules().Single(m => m.name == path).module);

    private static ModelConfig UNet(NormKind norm, UpsamplingKind up) => new()
    {
        Architecture = Architecture.UNet, InChannels = 1, NumClasses = 3, Depth = 2, BaseChannels = 8, Norm = norm, NormGroups = 4, Upsampling = up,
    };

    private static ModelConfig ResNet(InputAdaptation adaptation, NormKind norm, UpsamplingKind up) => new()
    {
        Architecture = Architecture.ResNet18UNet, InChannels = 1, NumClasses = 2, Norm = norm, NormGroups = 8, Upsampling = up, InputAdaptation = adaptation,
    };
}
