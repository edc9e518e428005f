using MLSeg.Models.Engine;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLSeg.Models.Layers;

/// <summary>
/// A 2-D transposed convolution with PyTorch's parameters (<c>weight</c> (in, out, kH, kW), <c>bias</c>) and default
/// initialisation (fan-in from weight dimension 1 × kernel area, as PyTorch computes it) from an explicit generator;
/// computes in <see cref="ComputePrecision.Current"/>.
/// </summary>
public sealed class ConvTranspose2dLayer : nn.Module<Tensor, Tensor>
{
    /// <summary>Children and parameters are registered explicitly under PyTorch's names; no registration by field reflection.</summary>
    protected override void RegisterComponents()
    {
    }


    /// <summary>Creates the layer.</summary>
    /// <param name="inChannels">Input channels.</param>
    /// <param name="outChannels">Output channels.</param>
    /// <param name="kernelSize">Square kernel size.</param>
    /// <param name="stride">Stride (upsampling factor for kernel = stride).</param>
    /// <param name="bias">Whether the layer has a bias.</param>
    /// <param name="generator">Initialisation stream (the global one when null).</param>
    public ConvTranspose2dLayer(long inChannels, long outChannels, long kernelSize, long stride, bool bias = true, Generator? generator = null)
        : base(nameof(ConvTranspose2dLayer))
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inChannels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outChannels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(kernelSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stride);
        InChannels = inChannels;
        OutChannels = outChannels;
        KernelSize = kernelSize;
        Stride = stride;
        // PyTorch computes a transposed convolution's fan-in from weight dimension 1 (out channels) × kernel area.
        Registered.WeightAndBias(this, [inChannels, outChannels, kernelSize, kernelSize], outChannels * kernelSize * kernelSize,
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

    /// <summary>The weight (in, out, k, k).</summary>
    public Parameter Weight => Registered.Parameter(_internal_params, "weight");

    /// <summary>The bias, or null.</summary>
    public Parameter? Bias => _internal_params.TryGetValue("bias", out Parameter? b) ? b : null;

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        using ComputePrecision.Operands op = ComputePrecision.Cast(input, Weight, Bias);
        return nn.functional.conv_transpose2d(op.Input, op.Weight, op.Bias, strides: [Stride, Stride]);
    }
}
