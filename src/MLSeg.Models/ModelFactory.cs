using MLSeg.Models.Contracts;
using MLSeg.Models.ResNet;
using MLSeg.Models.UNets;
using MLSeg.Models.Engine;
using MLSeg.Models.Layers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLSeg.Models;

/// <summary>
/// Builds the network or encoder a <see cref="ModelConfig"/> describes, validating it first: a built-in architecture, or
/// MLSeg's U-Net decoder around a user-defined encoder registered by name (<see cref="RegisterEncoder"/>).
/// </summary>
public static class ModelFactory
{
    /// <summary>
    /// Creates the segmentation network: <see cref="UNet"/> (Depth, BaseChannels, Norm, NormGroups, Upsampling) or
    /// <see cref="ResNetUNet"/> (ResNet-18/34 encoder with InputAdaptation; Norm/NormGroups/Upsampling for the decoder;
    /// Depth and BaseChannels do not apply). Weights are drawn from <paramref name="generator"/> (the global one when null).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A field is out of range; the message names it, its value and the allowed range.</exception>
    /// <exception cref="ArgumentException">NormGroups does not divide the channels of a GroupNorm layer.</exception>
    public static SegmentationNetwork Create(ModelConfig config, Generator? generator = null)
    {
        Validate(config);
        if (config.Encoder is not null)
        {
            return new UNet(CreateRegisteredEncoder(config, generator), config.NumClasses, config.Upsampling, generator, config.Norm, config.NormGroups);
        }

        return config.Architecture switch
        {
            Architecture.UNet => new UNet(CreateUNetEncoder(config, generator), config.NumClasses, config.Upsampling, generator),
            _ => new ResNetUNet(CreateResNetEncoder(config, generator), config.NumClasses, config.Norm, config.NormGroups, config.Upsampling,
                mergeInput: true, generator: generator),
        };
    }

    /// <summary>Creates only the encoder of <see cref="Create"/>'s network (for pretraining strategies and weight import).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A field is out of range.</exception>
    /// <exception cref="ArgumentException">NormGroups does not divide the channels of a GroupNorm layer.</exception>
    public static Encoder CreateEncoder(ModelConfig config, Generator? generator = null)
    {
        Validate(config);
        if (config.Encoder is not null)
        {
            return CreateRegisteredEncoder(config, generator);
        }

        return config.Architecture == Architecture.UNet ? CreateUNetEncoder(config, generator) : CreateResNetEncoder(config, generator);
    }

    /// <summary>
    /// Registers a user-defined encoder under <paramref name="name"/> so that <see cref="ModelConfig.Encoder"/> (and an
    /// experiment spec's <c>model.encoder</c>) can name it; <see cref="EncoderRegistry.Register"/>.
    /// </summary>
    public static void RegisterEncoder(string name, EncoderBuilder builder) => EncoderRegistry.Register(name, builder);

    private static Encoder CreateRegisteredEncoder(ModelConfig config, Generator? generator)
    {
        string name = config.Encoder!;
        EncoderBuilder builder = EncoderRegistry.Find(name) ?? throw new ArgumentException(
            $"ModelConfig.Encoder = '{name}': no encoder of that name is registered; {EncoderRegistry.DescribeRegistered()}. " +
            $"Built-in encoders ({string.Join(", ", EncoderRegistry.BuiltInNames)}) are chosen by ModelConfig.Architecture, with Encoder left null.", nameof(config));
        Encoder encoder = builder(config, generator) ?? throw new InvalidOperationException($"The builder registered as encoder '{name}' returned null.");
        if (encoder.InChannels != config.InChannels)
        {
            encoder.Dispose();
            throw new ArgumentException($"Encoder '{name}' takes {encoder.InChannels} input channels; ModelConfig.InChannels is {config.InChannels}.", nameof(config));
        }

        return encoder;
    }

    private static UNetEncoder CreateUNetEncoder(ModelConfig config, Generator? generator) =>
        new(config.InChannels, config.Depth, config.BaseChannels, config.Norm, config.NormGroups, generator);

    private static ResNetEncoder CreateResNetEncoder(ModelConfig config, Generator? generator) =>
        new(config.Architecture == Architecture.ResNet34UNet ? ResNetDepth.ResNet34 : ResNetDepth.ResNet18, config.InChannels, config.InputAdaptation, generator);

    private static void Validate(ModelConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        Check(Enum.IsDefined(config.Architecture), nameof(ModelConfig.Architecture), config.Architecture, "one of UNet, ResNet18UNet, ResNet34UNet");
        Check(config.InChannels >= 1, nameof(ModelConfig.InChannels), config.InChannels, "≥ 1");
        Check(config.NumClasses >= 1, nameof(ModelConfig.NumClasses), config.NumClasses, "≥ 1 (classes, background included)");
        Check(Enum.IsDefined(config.Norm), nameof(ModelConfig.Norm), config.Norm, "Batch or Group");
        Check(Enum.IsDefined(config.Upsampling), nameof(ModelConfig.Upsampling), config.Upsampling, "Transpose or Bilinear");
        Check(Enum.IsDefined(config.InputAdaptation), nameof(ModelConfig.InputAdaptation), config.InputAdaptation, "SumFirstConv, AverageFirstConv or RepeatToRgb");
        if (config.Norm == NormKind.Group)
        {
            Check(config.NormGroups >= 1, nameof(ModelConfig.NormGroups), config.NormGroups, "≥ 1 when Norm is Group");
        }

        if (config.Encoder is not null)
        {
            Check(config.Architecture == Architecture.UNet, nameof(ModelConfig.Architecture), config.Architecture,
                $"UNet with a registered encoder (ModelConfig.Encoder = '{config.Encoder}'): MLSeg's U-Net decoder takes any encoder");
        }

        if (config.Architecture == Architecture.UNet)
        {
            Check(config.Depth >= 1, nameof(ModelConfig.Depth), config.Depth, "≥ 1 (downsampling stages of the U-Net)");
            Check(config.BaseChannels >= 1, nameof(ModelConfig.BaseChannels), config.BaseChannels, "≥ 1 (channels of the first U-Net stage)");
        }
    }

    private static void Check<T>(bool ok, string field, T value, string expected)
    {
        if (!ok)
        {
            throw new ArgumentOutOfRangeException(field, value, $"ModelConfig.{field} = {value}: expected {expected}.");
        }
    }
}
