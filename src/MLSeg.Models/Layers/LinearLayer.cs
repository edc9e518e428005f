using MLSeg.Models.Engine;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLSeg.Models.Layers;

/// <summary>A fully connected layer (<c>weight</c> (out, in), <c>bias</c>) with PyTorch's default initialisation from an explicit generator; computes in <see cref="ComputePrecision.Current"/>.</summary>
public sealed class LinearLayer : nn.Module<Tensor, Tensor>
{
    /// <summary>Children and parameters are registered explicitly under PyTorch's names; no registration by field reflection.</summary>
    protected override void RegisterComponents()
    {
    }


    /// <summary>Creates the layer.</summary>
    /// <param name="inFeatures">Input features.</param>
    /// <param name="outFeatures">Output features.</param>
    /// <param name="bias">Whether the layer has a bias.</param>
    /// <param name="generator">Initialisation stream (the global one when null).</param>
    public LinearLayer(long inFeatures, long outFeatures, bool bias = true, Generator? generator = null) : base(nameof(LinearLayer))
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inFeatures);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outFeatures);
        InFeatures = inFeatures;
        OutFeatures = outFeatures;
        Registered.WeightAndBias(this, [outFeatures, inFeatures], inFeatures, bias ? outFeatures : null, generator);
    }

    /// <summary>Input features.</summary>
    public long InFeatures { get; }

    /// <summary>Output features.</summary>
    public long OutFeatures { get; }

    /// <summary>The weight (out, in).</summary>
    public Parameter Weight => Registered.Parameter(_internal_params, "weight");

    /// <summary>The bias, or null.</summary>
    public Parameter? Bias => _internal_params.TryGetValue("bias", out Parameter? b) ? b : null;

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        using ComputePrecision.Operands op = ComputePrecision.Cast(input, Weight, Bias);
        return nn.functional.linear(op.Input, op.Weight, op.Bias);
    }
}
