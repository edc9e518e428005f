using MLSeg.Models.Contracts;
using MLSeg.Models.Engine;
using MLSeg.Models.Layers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLSeg.Models.Blocks;

/// <summary>
/// The U-Net decoder: starting from the bottleneck it upsamples ×2 per block and merges the encoder stage of that stride
/// (blocks <c>blocks.0</c> … from coarse to fine, each producing the skip's channel count). An optional final block
/// upsamples the finest stage ×2 once more, merging the network input when <c>inputSkipChannels</c> &gt; 0 (for encoders
/// whose finest stage has stride 2, such as ResNet's stem).
/// </summary>
internal sealed class SkipDecoder : nn.Module
{
    /// <summary>Children and parameters are registered explicitly under PyTorch's names; no registration by field reflection.</summary>
    protected override void RegisterComponents()
    {
    }

    private readonly ModuleList<UpBlock> blocks;

    /// <param name="stageChannels">The encoder's stage channels, finest first.</param>
    /// <param name="stageStrides">The encoder's stage strides; each must be twice the previous.</param>
    /// <param name="upsampling">Upsampling kind.</param>
    /// <param name="norm">Norm of the convolution blocks.</param>
    /// <param name="groups">GroupNorm groups.</param>
    /// <param name="generator">Initialisation stream.</param>
    /// <param name="finalChannels">Channels of the extra full-resolution block (0: none).</param>
    /// <param name="inputSkipChannels">Input channels merged by the final block (0: none).</param>
    public SkipDecoder(IReadOnlyList<long> stageChannels, IReadOnlyList<int> stageStrides, UpsamplingKind upsampling, NormKind norm, long groups,
        Generator? generator, long finalChannels = 0, long inputSkipChannels = 0)
        : base(nameof(SkipDecoder))
    {
        if (stageChannels.Count < 2 || stageChannels.Count != stageStrides.Count)
        {
            throw new ArgumentException($"A skip decoder needs ≥ 2 encoder stages with one stride each; got {stageChannels.Count} channel counts and {stageStrides.Count} strides.", nameof(stageChannels));
        }

        for (int i = 1; i < stageStrides.Count; i++)
        {
            if (stageStrides[i] != 2 * stageStrides[i - 1])
            {
                throw new ArgumentException($"Encoder stage strides must double from stage to stage; got {string.Join(", ", stageStrides)}.", nameof(stageStrides));
            }
        }

        var built = new List<UpBlock>();
        long current = stageChannels[^1];
        for (int i = stageChannels.Count - 2; i >= 0; i--)
        {
            built.Add(new UpBlock(current, stageChannels[i], stageChannels[i], upsampling, norm, groups, generator));
            current = stageChannels[i];
        }

        if (finalChannels > 0)
        {
            built.Add(new UpBlock(current, inputSkipChannels, finalChannels, upsampling, norm, groups, generator));
            current = finalChannels;
        }

        // A ModuleList registers its items when it is registered itself: build it complete first.
        blocks = this.Register("blocks", nn.ModuleList(built.ToArray()));
        HasFinalBlock = finalChannels > 0;
        OutChannels = current;
    }

    /// <summary>Channels of the decoder output.</summary>
    public long OutChannels { get; }

    /// <summary>Whether the last block upsamples past the finest encoder stage.</summary>
    public bool HasFinalBlock { get; }

    /// <summary>Decodes the encoder's features (finest first); <paramref name="input"/> is merged by the final block when it takes an input skip.</summary>
    public Tensor Forward(IReadOnlyList<Tensor> features, Tensor input)
    {
        int skipBlocks = blocks.Count - (HasFinalBlock ? 1 : 0);
        if (features.Count != skipBlocks + 1)
        {
            throw new ArgumentException($"The decoder was built for {skipBlocks + 1} encoder stages; got {features.Count} feature maps.", nameof(features));
        }

        Tensor x = features[^1];
        for (int b = 0; b < skipBlocks; b++)
        {
            Tensor next = blocks[b].Forward(x, features[features.Count - 2 - b]);
            DisposeUnlessFeature(x, features);
            x = next;
        }

        if (HasFinalBlock)
        {
            UpBlock final = blocks[^1];
            Tensor next = final.Forward(x, final.SkipChannels > 0 ? input : null);
            DisposeUnlessFeature(x, features);
            x = next;
        }

        return ReferenceEquals(x, features[^1]) ? x.alias() : x;
    }

    private static void DisposeUnlessFeature(Tensor x, IReadOnlyList<Tensor> features)
    {
        if (!features.Any(f => ReferenceEquals(f, x)))
        {
            x.Dispose();
        }
    }
}
