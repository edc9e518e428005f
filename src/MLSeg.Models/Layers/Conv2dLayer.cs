using MLSeg.Models.Engine;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLSeg.Models.Layers;

/// <summary>
/// A 2-D convolution with PyTorch's parameters (<c>weight</c> (out, in/groups, kH, kW), optional <c>bias</c>) and
/// default initialisation from an explicit generator, which computes in <see cref="ComputePrecision.Current"/> while
/// keeping float32 master parameters.
/// </summary>
public sealed class Conv2dLayer : nn.Module<Tensor, Tensor>
{
    /// <summary>Children and parameters are registered explicitly under PyTorch's names; no registration by field reflection.</summary>
    protected override void RegisterComponents()
    {
    }


    /// <summary>Creates the layer.</summary>
    /// <param name="inChannels">Input channels.</param>
    /// <param name="outChannels">Output channels.</param>
    /// <param name="kernelSize">Square kernel size.</param>
    /// <param name="stride">Stride.</param>
    /// <param name="padding">Zero padding on each side.</param>
    /// <param name="bias">Whether the layer has a bias.</param>
    /// <param name="generator">Initialisation stream (the global one when null).</param>
    /// <param name="groups">Grouped convolution.</param>
    public Conv2dLayer(long inChannels, long outChannels, long kernelSize, long stride = 1, long padding = 0, bool bias = true, Generator? generator = null, long groups = 1)
        : base(nameof(Conv2dLayer))
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inChannels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outChannels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(kernelSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stride);
        ArgumentOutOfRangeException.ThrowIfNegative(padding);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(groups);
        if (inChannels % groups != 0 || outChannels % groups != 0)
        {
            throw new ArgumentException($"Channels in={inChannels}, out={outChannels} must both be divisible by groups={groups}.", nameof(groups));
        }

        InChannels = inChannels;
        OutChannels = outChannels;
        KernelSize = kernelSize;
        Stride = stride;
        Padding = padding;
        Groups = groups;
        Registered.WeightAndBias(this, [outChannels, inChannels / groups, kernelSize, kernelSize], inChannels / groups * kernelSize * kernelSize,
            bias ? outChannels : null, generator);
    }

    /// <summary>Input channels.</summary>
    public long InChannels { get; }

    /// <summary>Output channels.</summary>
    public long OutChannels { get; }

    /// <summary>Square kernel size.</summary>
    public long KernelSize { get; }

    /// <summary>Stride (both axes).</summary>
    public long Stride { get; }

    /// <summary>Zero padding (both axes).</summary>
    public long Padding { get; }

    /// <summary>Groups.</summary>
    public long Groups { get; }

    /// <summary>The weight (out, in/groups, k, k).</summary>
    public Parameter Weight => Registered.Parameter(_internal_params, "weight");

    /// <summary>The bias, or null.</summary>
    public Parameter? Bias => _internal_params.TryGetValue("bias", out Parameter? b) ? b : null;

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        using ComputePrecision.Operands op = ComputePrecision.Cast(input, Weight, Bias);
        return nn.functional.conv2d(op.Input, op.Weight, op.Bias, strides: [Stride, Stride], padding: [Padding, Padding], groups: Groups);
    }
}
