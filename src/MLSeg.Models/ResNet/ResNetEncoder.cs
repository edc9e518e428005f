using MLSeg.Models.Blocks;
using MLSeg.Models.Contracts;
using MLSeg.Models.Engine;
using MLSeg.Models.Layers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLSeg.Models.ResNet;

/// <summary>
/// The convolutional part of a torchvision ResNet-18/34 (everything but <c>avgpool</c> and <c>fc</c>), with parameter
/// names exactly as torchvision's (<c>conv1.weight</c>, <c>bn1.running_mean</c>, <c>layer2.0.downsample.0.weight</c>, …)
/// so its state dicts load by name. Five stages, finest first: the stem conv1/bn1/ReLU (stride 2, 64 channels), then
/// after a 3×3 stride-2 max-pool layer1 (stride 4, 64), layer2 (8, 128), layer3 (16, 256), layer4 (32, 512).
/// </summary>
/// <remarks>
/// With 1-channel input and <see cref="InputAdaptation.SumFirstConv"/> or <see cref="InputAdaptation.AverageFirstConv"/>,
/// conv1 has one input channel (RGB weights are folded into it by <see cref="EncoderWeights.LoadTorchvision"/>); with
/// <see cref="InputAdaptation.RepeatToRgb"/>, conv1 keeps three input channels and the image is repeated to RGB.
/// Normalisation is always BatchNorm, as in the pretrained weights.
/// </remarks>
public sealed class ResNetEncoder : Encoder
{
    /// <summary>Children and parameters are registered explicitly under PyTorch's names; no registration by field reflection.</summary>
    protected override void RegisterComponents()
    {
    }

    private static readonly long[] Channels = [64, 64, 128, 256, 512];
    private static readonly int[] Strides = [2, 4, 8, 16, 32];

    private readonly Conv2dLayer conv1;
    private readonly BatchNorm2dLayer bn1;
    private readonly Sequential[] layers;

    /// <summary>Creates the encoder with torchvision's initialisation drawn from <paramref name="generator"/> (the global one when null).</summary>
    /// <param name="depth">ResNet-18 or ResNet-34.</param>
    /// <param name="inChannels">Image channels (≥ 1).</param>
    /// <param name="adaptation">How a 1-channel image meets the RGB first convolution (ignored for other channel counts).</param>
    /// <param name="generator">Initialisation stream.</param>
    public ResNetEncoder(ResNetDepth depth = ResNetDepth.ResNet18, long inChannels = 3, InputAdaptation adaptation = InputAdaptation.AverageFirstConv,
        Generator? generator = null)
        : base(nameof(ResNetEncoder))
    {
        int[] blocks = depth switch
        {
            ResNetDepth.ResNet18 => [2, 2, 2, 2],
            ResNetDepth.ResNet34 => [3, 4, 6, 3],
            _ => throw new ArgumentOutOfRangeException(nameof(depth), depth, "Expected ResNetDepth.ResNet18 or ResNetDepth.ResNet34."),
        };
        if (inChannels < 1)
        {
            throw new ArgumentOutOfRangeException("InChannels", inChannels, "ModelConfig.InChannels must be ≥ 1.");
        }

        if (!Enum.IsDefined(adaptation))
        {
            throw new ArgumentOutOfRangeException("InputAdaptation", adaptation, "Expected SumFirstConv, AverageFirstConv or RepeatToRgb.");
        }

        Depth = depth;
        InChannels = inChannels;
        Adaptation = adaptation;
        RepeatsToRgb = inChannels == 1 && adaptation == InputAdaptation.RepeatToRgb;
        FirstConvInChannels = RepeatsToRgb ? 3 : inChannels;

        conv1 = this.Register("conv1", new Conv2dLayer(FirstConvInChannels, 64, 7, stride: 2, padding: 3, bias: false, generator: generator));
        Init.KaimingNormalFanOut(conv1.Weight, generator);
        bn1 = this.Register("bn1", new BatchNorm2dLayer(64));
        this.Register("relu", nn.ReLU());
        this.Register("maxpool", nn.MaxPool2d(3, 2, 1));
        layers = new Sequential[4];
        long previous = 64;
        for (int i = 0; i < 4; i++)
        {
            long channels = Channels[i + 1];
            var layer = nn.Sequential();
            for (int b = 0; b < blocks[i]; b++)
            {
                layer.append(new BasicBlock(b == 0 ? previous : channels, channels, b == 0 && i > 0 ? 2 : 1, generator));
            }

            layers[i] = this.Register($"layer{i + 1}", layer);
            previous = channels;
        }
    }

    /// <summary>ResNet-18 or ResNet-34.</summary>
    public ResNetDepth Depth { get; }

    /// <inheritdoc />
    public override long InChannels { get; }

    /// <summary>The input adaptation this encoder was built for.</summary>
    public InputAdaptation Adaptation { get; }

    /// <summary>Input channels of <c>conv1</c> (3 when a 1-channel image is repeated to RGB, else <see cref="InChannels"/>).</summary>
    public long FirstConvInChannels { get; }

    /// <summary>Whether Forward repeats a 1-channel image to 3 channels before conv1.</summary>
    public bool RepeatsToRgb { get; }

    /// <inheritdoc />
    public override IReadOnlyList<long> StageChannels => Channels;

    /// <inheritdoc />
    public override IReadOnlyList<int> StageStrides => Strides;

    /// <summary>Returns the five stage outputs (stem, layer1…layer4); the caller owns them.</summary>
    /// <exception cref="ArgumentException">The input is not (N, InChannels, H, W) with H, W multiples of 32.</exception>
    public override IReadOnlyList<Tensor> forward(Tensor input)
    {
        InputChecks.Require(input, InChannels, RequiredDivisor, $"ResNetEncoder ({Depth})");
        using Tensor? rgb = RepeatsToRgb ? input.repeat(1, 3, 1, 1) : null;
        using Tensor a = conv1.forward(rgb ?? input);
        using Tensor b = bn1.forward(a);
        var features = new List<Tensor>(5) { b.relu() };
        using Tensor pooled = nn.functional.max_pool2d(features[0], 3, 2, 1);
        Tensor x = pooled;
        foreach (Sequential layer in layers)
        {
            x = layer.forward(x);
            features.Add(x);
        }

        return features;
    }
}
