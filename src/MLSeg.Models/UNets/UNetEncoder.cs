using MLSeg.Models.Blocks;
using MLSeg.Models.Contracts;
using MLSeg.Models.Engine;
using MLSeg.Models.Layers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLSeg.Models.UNets;

/// <summary>
/// The contracting path of a U-Net (Ronneberger et al. 2015, with "same" padding): stage 0 is two 3×3 convolution +
/// norm + ReLU layers at full resolution with <see cref="BaseChannels"/> channels; each of the <see cref="Depth"/>
/// further stages max-pools 2×2 and doubles the channels. Stage <c>i</c> is the child <c>stages.i</c> with
/// <c>conv1</c>, <c>norm1</c>, <c>conv2</c>, <c>norm2</c>.
/// </summary>
public sealed class UNetEncoder : Encoder
{
    /// <summary>Children and parameters are registered explicitly under PyTorch's names; no registration by field reflection.</summary>
    protected override void RegisterComponents()
    {
    }

    private readonly ModuleList<DoubleConv> stages;
    private readonly long[] stageChannels;
    private readonly int[] stageStrides;

    /// <summary>Creates the encoder with PyTorch's default initialisation drawn from <paramref name="generator"/> (the global one when null).</summary>
    /// <param name="inChannels">Image channels (≥ 1).</param>
    /// <param name="depth">Downsampling stages (≥ 1); the encoder has <c>depth + 1</c> stages and <see cref="Encoder.RequiredDivisor"/> = 2^depth.</param>
    /// <param name="baseChannels">Channels of stage 0 (≥ 1), doubling per stage.</param>
    /// <param name="norm">Normalisation layers.</param>
    /// <param name="normGroups">GroupNorm groups; must divide <paramref name="baseChannels"/> when <paramref name="norm"/> is Group.</param>
    /// <param name="generator">Initialisation stream.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is below 1, or depth is so large the channels overflow.</exception>
    /// <exception cref="ArgumentException">GroupNorm groups do not divide the channels.</exception>
    public UNetEncoder(long inChannels, int depth = 4, long baseChannels = 32, NormKind norm = NormKind.Batch, long normGroups = 8, Generator? generator = null)
        : base(nameof(UNetEncoder))
    {
        if (inChannels < 1)
        {
            throw new ArgumentOutOfRangeException("InChannels", inChannels, "ModelConfig.InChannels must be ≥ 1.");
        }

        if (depth is < 1 or > 12)
        {
            throw new ArgumentOutOfRangeException("Depth", depth, "ModelConfig.Depth (downsampling stages of the U-Net) must be in 1…12.");
        }

        if (baseChannels < 1 || baseChannels > (1L << 40) >> depth)
        {
            throw new ArgumentOutOfRangeException("BaseChannels", baseChannels, "ModelConfig.BaseChannels must be ≥ 1 (and small enough to double Depth times).");
        }

        stageChannels = Enumerable.Range(0, depth + 1).Select(i => baseChannels << i).ToArray();
        stageStrides = Enumerable.Range(0, depth + 1).Select(i => 1 << i).ToArray();
        Norms.Validate(norm, normGroups, stageChannels, "the U-Net");

        InChannels = inChannels;
        Depth = depth;
        BaseChannels = baseChannels;
        Norm = norm;
        NormGroups = normGroups;
        var built = new List<DoubleConv>();
        long previous = inChannels;
        foreach (long channels in stageChannels)
        {
            built.Add(new DoubleConv(previous, channels, norm, normGroups, generator));
            previous = channels;
        }

        // A ModuleList registers its items when it is registered itself: build it complete first.
        stages = this.Register("stages", nn.ModuleList(built.ToArray()));
    }

    /// <inheritdoc />
    public override long InChannels { get; }

    /// <summary>Downsampling stages.</summary>
    public int Depth { get; }

    /// <summary>Channels of stage 0.</summary>
    public long BaseChannels { get; }

    /// <summary>Normalisation layers (the U-Net decoder uses the same).</summary>
    public NormKind Norm { get; }

    /// <summary>GroupNorm groups (meaningful when <see cref="Norm"/> is Group).</summary>
    public long NormGroups { get; }

    /// <inheritdoc />
    public override IReadOnlyList<long> StageChannels => stageChannels;

    /// <inheritdoc />
    public override IReadOnlyList<int> StageStrides => stageStrides;

    /// <summary>Returns the <see cref="Depth"/> + 1 stage outputs, full resolution first; the caller owns them.</summary>
    /// <exception cref="ArgumentException">The input is not (N, InChannels, H, W) with H, W multiples of 2^Depth.</exception>
    public override IReadOnlyList<Tensor> forward(Tensor input)
    {
        InputChecks.Require(input, InChannels, RequiredDivisor, $"UNetEncoder (Depth = {Depth})");
        var features = new List<Tensor>(stages.Count) { stages[0].forward(input) };
        for (int i = 1; i < stages.Count; i++)
        {
            using Tensor pooled = nn.functional.max_pool2d(features[^1], 2);
            features.Add(stages[i].forward(pooled));
        }

        return features;
    }
}
