using MLSeg.Models.Blocks;
using MLSeg.Models.Contracts;
using MLSeg.Models.Engine;
using MLSeg.Models.Layers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLSeg.Models.Heads;

/// <summary>
/// The autoencoder for reconstruction pretraining: the encoder (child <c>encoder</c>), a decoder (child
/// <c>decoder</c>, blocks <c>decoder.blocks.i</c>) that upsamples ONLY the bottleneck ×2 per block back to the input
/// size — no skip connections, so everything must pass through the encoder's bottleneck — and a linear 1×1
/// convolution to the reconstructed channels (child <c>head</c>). Input (N, C, H, W); output (N, OutChannels, H, W).
/// </summary>
public sealed class ReconstructionNetwork : nn.Module<Tensor, Tensor>
{
    /// <summary>Children and parameters are registered explicitly under PyTorch's names; no registration by field reflection.</summary>
    protected override void RegisterComponents()
    {
    }

    private readonly Encoder encoder;
    private readonly ModuleList<UpBlock> blocks;
    private readonly Conv2dLayer head;

    /// <summary>Wraps <paramref name="encoder"/>, which the network takes ownership of and disposes.</summary>
    /// <param name="encoder">Any encoder whose RequiredDivisor is a power of two.</param>
    /// <param name="outChannels">Reconstructed channels (usually the input's).</param>
    /// <param name="norm">Norm of the decoder blocks.</param>
    /// <param name="normGroups">GroupNorm groups; must divide the decoder channels (the encoder's stage channels).</param>
    /// <param name="upsampling">Decoder upsampling.</param>
    /// <param name="generator">Initialisation stream of decoder and head (the global one when null).</param>
    public ReconstructionNetwork(Encoder encoder, long outChannels, NormKind norm = NormKind.Batch, long normGroups = 8,
        UpsamplingKind upsampling = UpsamplingKind.Transpose, Generator? generator = null)
        : base(nameof(ReconstructionNetwork))
    {
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outChannels);
        int divisor = encoder.RequiredDivisor;
        if (divisor < 2 || (divisor & (divisor - 1)) != 0)
        {
            throw new ArgumentException($"The reconstruction decoder upsamples ×2 per block, so the encoder's RequiredDivisor must be a power of two ≥ 2; got {divisor}.", nameof(encoder));
        }

        // Block b brings the map to stride divisor / 2^(b+1) with the channels the encoder has at that stride
        // (the finest stage's where the encoder has none, e.g. stride 1 of a ResNet).
        var channels = new List<long>();
        for (int stride = divisor / 2; stride >= 1; stride /= 2)
        {
            int stage = encoder.StageStrides.ToList().IndexOf(stride);
            channels.Add(stage >= 0 ? encoder.StageChannels[stage] : encoder.StageChannels[0]);
        }

        Norms.Validate(norm, normGroups, channels, "the reconstruction decoder");
        OutChannels = outChannels;
        this.encoder = this.Register("encoder", encoder);
        var built = new List<UpBlock>();
        long previous = encoder.BottleneckChannels;
        foreach (long c in channels)
        {
            built.Add(new UpBlock(previous, 0, c, upsampling, norm, normGroups, generator));
            previous = c;
        }

        blocks = this.Register("decoder", new ReconstructionDecoder(built)).Blocks;

        head = this.Register("head", new Conv2dLayer(previous, outChannels, 1, generator: generator));
    }

    /// <summary>The encoder being pretrained.</summary>
    public Encoder Encoder => encoder;

    /// <summary>Reconstructed channels.</summary>
    public long OutChannels { get; }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        Tensor x;
        IReadOnlyList<Tensor> features = encoder.forward(input);
        foreach (Tensor f in features.Take(features.Count - 1))
        {
            f.Dispose();
        }

        x = features[^1];
        foreach (UpBlock block in blocks)
        {
            Tensor next = block.Forward(x, null);
            x.Dispose();
            x = next;
        }

        using (x)
        {
            return head.forward(x);
        }
    }

    /// <summary>The container of the decoder blocks, so their names read <c>decoder.blocks.i</c> like the U-Nets'.</summary>
    private sealed class ReconstructionDecoder : nn.Module
    {
        /// <summary>Children and parameters are registered explicitly under PyTorch's names; no registration by field reflection.</summary>
        protected override void RegisterComponents()
        {
        }

        public ReconstructionDecoder(List<UpBlock> blocks)
            : base(nameof(ReconstructionDecoder)) => Blocks = this.Register("blocks", nn.ModuleList(blocks.ToArray()));

        public ModuleList<UpBlock> Blocks { get; }
    }
}
