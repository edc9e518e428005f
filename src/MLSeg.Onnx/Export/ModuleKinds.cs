using MLSeg.Models.Contracts;
using MLSeg.Models.Layers;
using MLSeg.Models.ResNet;
using MLSeg.Models.UNets;
using TorchSharp;
using TorchSharp.Modules;

namespace MLSeg.Onnx.Export;

/// <summary>
/// The module types the exporter can write: MLSeg.Models' layers, TorchSharp's Sequential, ModuleList, ReLU and
/// MaxPool2d, and the families' own modules (UNet, ResNetUNet, their encoders and blocks).
/// </summary>
internal static class ModuleKinds
{
    /// <summary>What the exporter knows, for error messages.</summary>
    public const string Known =
        "MLSeg.Models' Conv2dLayer, ConvTranspose2dLayer, BatchNorm2dLayer, GroupNormLayer, UpsampleLayer and LinearLayer, TorchSharp's " +
        "Sequential, ModuleList, ReLU and MaxPool2d, and the modules of UNet and ResNetUNet";

    /// <summary>MLSeg.Models' DoubleConv (conv1, norm1, conv2, norm2 with ReLUs).</summary>
    public const string DoubleConvType = "MLSeg.Models.Blocks.DoubleConv";

    /// <summary>MLSeg.Models' UpBlock (up, conv).</summary>
    public const string UpBlockType = "MLSeg.Models.Blocks.UpBlock";

    /// <summary>MLSeg.Models' SkipDecoder (blocks).</summary>
    public const string SkipDecoderType = "MLSeg.Models.Blocks.SkipDecoder";

    /// <summary>MLSeg.Models' torchvision BasicBlock (conv1, bn1, conv2, bn2, optional downsample).</summary>
    public const string BasicBlockType = "MLSeg.Models.ResNet.BasicBlock";

    // MLSeg.Models keeps its blocks internal; they are recognised by full name inside that assembly only, so a user's
    // class of the same name is not mistaken for one.
    private static readonly HashSet<string> FamilyBlocks = new(StringComparer.Ordinal)
    {
        DoubleConvType, UpBlockType, SkipDecoderType, BasicBlockType,
    };

    /// <summary>Whether <paramref name="module"/> is the MLSeg.Models block <paramref name="fullName"/>.</summary>
    public static bool IsFamilyBlock(torch.nn.Module module, string fullName)
    {
        Type type = module.GetType();
        return type.Assembly == typeof(SegmentationNetwork).Assembly && type.FullName == fullName;
    }

    /// <summary>Whether the exporter knows <paramref name="module"/>'s type.</summary>
    public static bool IsKnown(torch.nn.Module module)
    {
        ArgumentNullException.ThrowIfNull(module);
        if (module is Conv2dLayer or ConvTranspose2dLayer or BatchNorm2dLayer or GroupNormLayer or UpsampleLayer or LinearLayer
            or Sequential or ReLU or MaxPool2d or UNet or UNetEncoder or ResNetUNet or ResNetEncoder)
        {
            return true;
        }

        Type type = module.GetType();
        return (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ModuleList<>))
               || (type.Assembly == typeof(SegmentationNetwork).Assembly && type.FullName is { } name && FamilyBlocks.Contains(name));
    }

    /// <summary>A readable type name: namespace, name and generic arguments (<c>TorchSharp.Modules.ModuleList&lt;…&gt;</c>).</summary>
    public static string Describe(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (!type.IsGenericType)
        {
            return type.FullName ?? type.Name;
        }

        string name = type.GetGenericTypeDefinition().FullName ?? type.Name;
        int tick = name.IndexOf('`', StringComparison.Ordinal);
        return $"{(tick < 0 ? name : name[..tick])}<{string.Join(", ", type.GetGenericArguments().Select(Describe))}>";
    }
}
