using MLSeg.Models.Blocks;
using MLSeg.Models.Contracts;
using MLSeg.Models.Engine;
using MLSeg.Models.Layers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLSeg.Models.UNets;

/// <summary>
/// A U-Net: an encoder (child <c>encoder</c>; MLSeg's <see cref="UNetEncoder"/> or any <see cref="Encoder"/>, e.g. one a
/// user writes with TorchSharp's own layers), a decoder (child <c>decoder</c>, blocks <c>decoder.blocks.i</c> from coarse
/// to fine) that upsamples ×2, concatenates the encoder stage of the same resolution and applies two 3×3 convolution +
/// norm + ReLU layers, and a 1×1 convolution to the class logits (child <c>head</c>). When the encoder's finest stage
/// is not at full resolution (stride 2, as in ResNets) one more block upsamples to it without a skip. Input (N, C, H, W)
/// with H, W multiples of the encoder's RequiredDivisor; output (N, K, H, W).
/// </summary>
public sealed class UNet : SegmentationNetwork
{
    /// <summary>Children and parameters are registered explicitly under PyTorch's names; no registration by field reflection.</summary>
    protected override void RegisterComponents()
    {
    }

    private readonly Encoder encoder;
    private readonly SkipDecoder decoder;
    private long numClasses;

    /// <summary>Builds a U-Net around <paramref name="encoder"/>, which the network takes ownership of and disposes.</summary>
    /// <param name="encoder">The encoder (fresh or pretrained).</param>
    /// <param name="numClasses">Output classes K (≥ 1), background included.</param>
    /// <param name="upsampling">Decoder upsampling.</param>
    /// <param name="generator">Initialisation stream of the decoder and head (the global one when null).</param>
    /// <param name="decoderNorm">The decoder's normalisation; by default a <see cref="UNetEncoder"/>'s own, BatchNorm otherwise.</param>
    /// <param name="normGroups">Groups of a GroupNorm decoder (by default the UNetEncoder's, else 8).</param>
    public UNet(Encoder encoder, long numClasses, UpsamplingKind upsampling = UpsamplingKind.Transpose, Generator? generator = null,
        NormKind? decoderNorm = null, long? normGroups = null)
        : base(nameof(UNet))
    {
        ArgumentNullException.ThrowIfNull(encoder);
        SegmentationHead.CheckClasses(numClasses);
        if (encoder.StageChannels.Count == 0 || encoder.StageChannels.Count != encoder.StageStrides.Count || encoder.StageStrides[0] is not (1 or 2))
        {
            throw new ArgumentException(
                $"{encoder.GetType().Name} declares {encoder.StageChannels.Count} stage channel counts and strides [{string.Join(", ", encoder.StageStrides)}]; " +
                "a U-Net needs one channel count per stage and a finest stage at stride 1 or 2, doubling from stage to stage.", nameof(encoder));
        }

        NormKind norm = decoderNorm ?? (encoder as UNetEncoder)?.Norm ?? NormKind.Batch;
        long groups = normGroups ?? (encoder as UNetEncoder)?.NormGroups ?? 8;
        long finest = encoder.StageChannels[0];
        Norms.Validate(norm, groups, encoder.StageChannels, "the U-Net decoder");
        Upsampling = upsampling;
        this.encoder = this.Register("encoder", encoder);
        decoder = this.Register("decoder", encoder.StageStrides[0] == 1
            ? new SkipDecoder(encoder.StageChannels, encoder.StageStrides, upsampling, norm, groups, generator)
            : new SkipDecoder(encoder.StageChannels, encoder.StageStrides, upsampling, norm, groups, generator, finalChannels: finest));
        this.Register(SegmentationHead.Name, SegmentationHead.Create(decoder.OutChannels, numClasses, generator));
        this.numClasses = numClasses;
    }

    /// <inheritdoc />
    public override Encoder Encoder => encoder;

    /// <inheritdoc />
    public override long NumClasses => numClasses;

    /// <summary>Decoder upsampling.</summary>
    public UpsamplingKind Upsampling { get; }

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
