using MLSeg.Models.Blocks;
using MLSeg.Models.Contracts;
using MLSeg.Models.Engine;
using MLSeg.Models.Layers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLSeg.Models.UNets;

/// <summary>
/// A U-Net: a <see cref="UNetEncoder"/> (child <c>encoder</c>), a decoder (child <c>decoder</c>, blocks
/// <c>decoder.blocks.i</c> from coarse to fine) that upsamples ×2, concatenates the encoder stage of the same
/// resolution and applies two 3×3 convolution + norm + ReLU layers, and a 1×1 convolution to the class logits
/// (child <c>head</c>). Input (N, C, H, W) with H, W multiples of 2^Depth; output (N, K, H, W).
/// </summary>
public sealed class UNet : SegmentationNetwork
{
    /// <summary>Children and parameters are registered explicitly under PyTorch's names; no registration by field reflection.</summary>
    protected override void RegisterComponents()
    {
    }

    private readonly UNetEncoder encoder;
    private readonly SkipDecoder decoder;
    private long numClasses;

    /// <summary>Builds a U-Net around <paramref name="encoder"/>, which the network takes ownership of and disposes.</summary>
    /// <param name="encoder">The encoder (fresh or pretrained).</param>
    /// <param name="numClasses">Output classes K (≥ 1), background included.</param>
    /// <param name="upsampling">Decoder upsampling; the decoder uses the encoder's norm.</param>
    /// <param name="generator">Initialisation stream of the decoder and head (the global one when null).</param>
    public UNet(UNetEncoder encoder, long numClasses, UpsamplingKind upsampling = UpsamplingKind.Transpose, Generator? generator = null)
        : base(nameof(UNet))
    {
        ArgumentNullException.ThrowIfNull(encoder);
        SegmentationHead.CheckClasses(numClasses);
        Upsampling = upsampling;
        this.encoder = this.Register("encoder", encoder);
        decoder = this.Register("decoder", new SkipDecoder(encoder.StageChannels, encoder.StageStrides, upsampling, encoder.Norm, encoder.NormGroups, generator));
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
