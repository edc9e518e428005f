using MLSeg.Models.Engine;
using MLSeg.Models.Layers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLSeg.Models.Contracts;

/// <summary>
/// The transferable part of every network: maps an image batch (N, C, H, W) to a list of feature maps, one per stage,
/// from the finest (stride 1 or 2) to the bottleneck (the coarsest). Pretraining strategies train an encoder; fine-tuning
/// reuses it inside a <see cref="SegmentationNetwork"/>. Parameter names are stable so encoders load by name.
/// </summary>
public abstract class Encoder : nn.Module<Tensor, IReadOnlyList<Tensor>>
{
    /// <summary>Creates the encoder; <paramref name="name"/> is TorchSharp's module name.</summary>
    protected Encoder(string name) : base(name)
    {
    }

    /// <summary>Input channels the encoder expects.</summary>
    public abstract long InChannels { get; }

    /// <summary>Channels of each stage's feature map, finest first.</summary>
    public abstract IReadOnlyList<long> StageChannels { get; }

    /// <summary>Downsampling factor of each stage's feature map relative to the input, finest first.</summary>
    public abstract IReadOnlyList<int> StageStrides { get; }

    /// <summary>Channels of the bottleneck (the last stage).</summary>
    public long BottleneckChannels => StageChannels[^1];

    /// <summary>Input height and width must be multiples of this (the bottleneck's stride).</summary>
    public int RequiredDivisor => StageStrides[^1];
}
