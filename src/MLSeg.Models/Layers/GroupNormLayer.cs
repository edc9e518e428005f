using MLSeg.Models.Engine;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLSeg.Models.Layers;

/// <summary>Affine group normalisation (<c>weight</c>, <c>bias</c>), always computed in float32 (as autocast does), whatever the input type.</summary>
public sealed class GroupNormLayer : nn.Module<Tensor, Tensor>
{
    /// <summary>Children and parameters are registered explicitly under PyTorch's names; no registration by field reflection.</summary>
    protected override void RegisterComponents()
    {
    }


    /// <summary>Creates the layer.</summary>
    /// <param name="numGroups">Groups G (divides C).</param>
    /// <param name="numChannels">Channels C.</param>
    /// <param name="eps">Added to the variance.</param>
    public GroupNormLayer(long numGroups, long numChannels, double eps = 1e-5) : base(nameof(GroupNormLayer))
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(numGroups);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(numChannels);
        if (numChannels % numGroups != 0)
        {
            throw new ArgumentException($"Channels ({numChannels}) must be divisible by groups ({numGroups}).", nameof(numGroups));
        }

        NumGroups = numGroups;
        NumChannels = numChannels;
        Eps = eps;
        var weight = new Parameter(torch.ones(numChannels));
        var bias = new Parameter(torch.zeros(numChannels));
        register_parameter("weight", weight);
        register_parameter("bias", bias);
    }

    /// <summary>Groups G.</summary>
    public long NumGroups { get; }

    /// <summary>Channels C.</summary>
    public long NumChannels { get; }

    /// <summary>Added to the variance.</summary>
    public double Eps { get; }

    /// <summary>The scale γ.</summary>
    public Parameter Weight => Registered.Parameter(_internal_params, "weight");

    /// <summary>The shift β.</summary>
    public Parameter Bias => Registered.Parameter(_internal_params, "bias");

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        using Tensor? wide = ComputePrecision.ToFloat32OrNull(input);
        return nn.functional.group_norm(wide ?? input, NumGroups, Weight, Bias, Eps);
    }
}
