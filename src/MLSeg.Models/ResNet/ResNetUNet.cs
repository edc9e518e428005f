using MLSeg.Models.Blocks;
using MLSeg.Models.Contracts;
using MLSeg.Models.Engine;
using MLSeg.Models.Layers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLSeg.Models.ResNet;

/// <summary>
/// A U-Net on a torchvision ResNet encoder, shaped like fastai's DynamicUnet: the decoder (child <c>decoder</c>)
/// upsamples ×2 from layer4 (stride 32) and merges the encoder maps at strides 16, 8, 4 and 2 (layer3, layer2, layer1,
/// stem), each merge followed by two 3×3 convolution + norm + ReLU layers; a final block upsamples to full resolution
/// with <see cref="FinalChannels"/> channels, merging the input image when <see cref="MergesInput"/>; then the 1×1
/// <c>head</c>. Input (N, C, H, W) with H, W multiples of 32; output (N, K, H, W).
/// </summary>
public sealed class ResNetUNet : SegmentationNetwork
{
    /// <summary>Children and parameters are registered explicitly under PyTorch's names; no registration by field reflection.</summary>
    protected override void RegisterComponents()
    {
    }

    /// <summary>Channels of the full-resolution decoder block that feeds the head.</summary>
    public const long FinalChannels = 32;

    private readonly ResNetEncoder encoder;
    private readonly SkipDecoder decoder;
    private long numClasses;

    /// <summary>Builds the network around <paramref name="encoder"/> (fresh or pretrained), which it takes ownership of and disposes.</summary>
    /// <param name="encoder">The ResNet encoder.</param>
    /// <param name="numClasses">Output classes K (≥ 1), background included.</param>
    /// <param name="decoderNorm">Norm of the decoder blocks (the encoder keeps BatchNorm).</param>
    /// <param name="normGroups">GroupNorm groups of the decoder; must divide 32.</param>
    /// <param name="upsampling">Decoder upsampling.</param>
    /// <param name="mergeInput">Whether the final block concatenates the input image.</param>
    /// <param name="generator">Initialisation stream of decoder and head (the global one when null).</param>
    public ResNetUNet(ResNetEncoder encoder, long numClasses, NormKind decoderNorm = NormKind.Batch, long normGroups = 8,
        UpsamplingKind upsampling = UpsamplingKind.Transpose, bool mergeInput = true, Generator? generator = null)
        : base(nameof(ResNetUNet))
    {
        ArgumentNullException.ThrowIfNull(encoder);
        SegmentationHead.CheckClasses(numClasses);
        Norms.Validate(decoderNorm, normGroups, encoder.StageChannels.Append(FinalChannels), "the ResNet U-Net decoder");
        DecoderNorm = decoderNorm;
        Upsampling = upsampling;
        MergesInput = mergeInput;
        this.encoder = this.Register("encoder", encoder);
        decoder = this.Register("decoder", new SkipDecoder(encoder.StageChannels, encoder.StageStrides, upsampling, decoderNorm, normGroups, generator,
            finalChannels: FinalChannels, inputSkipChannels: mergeInput ? encoder.InChannels : 0));
        this.Register(SegmentationHead.Name, SegmentationHead.Create(decoder.OutChannels, numClasses, generator));
        this.numClasses = numClasses;
    }

    /// <inheritdoc />
    public override Encoder Encoder => encoder;

    /// <summary>The encoder with its ResNet-specific members.</summary>
    public ResNetEncoder ResNet => encoder;

    /// <inheritdoc />
    public override long NumClasses => numClasses;

    /// <summary>Norm of the decoder blocks.</summary>
    public NormKind DecoderNorm { get; }

    /// <summary>Decoder upsampling.</summary>
    public UpsamplingKind Upsampling { get; }

    /// <summary>Whether the final block concatenates the input image.</summary>
    public bool MergesInput { get; }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        IReadOnlyList<Tensor> features = encoder.forward(input);
        try
        {
            using Tensor decoded = decoder.Forward(features, input);
            return SegmentationHead.Of(this).forward(decoded);
        }
        finally
        {
            foreach (Tensor f in features)
            {
                f.Dispose();
            }
        }
    }

    /// <inheritdoc />
    public override void ResetHead(long numClasses, Generator? generator = null)
    {
        SegmentationHead.CheckClasses(numClasses);
        ReplaceChild(SegmentationHead.Name, SegmentationHead.Create(decoder.OutChannels, numClasses, generator));
        this.numClasses = numClasses;
    }
}
