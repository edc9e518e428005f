namespace MLSeg.Torch.NN;

/// <summary>Fully connected layer y = x·Wᵀ + b (PyTorch's <c>nn.Linear</c>): "weight" (out, in) and "bias" (out).</summary>
public sealed class Linear : Module<Tensor, Tensor>
{
    /// <summary>Creates the layer with PyTorch's default initialisation drawn from <paramref name="generator"/> (the global one when null).</summary>
    public Linear(long inFeatures, long outFeatures, bool bias = true, Generator? generator = null, ScalarType dtype = ScalarType.Float32)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inFeatures);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outFeatures);
        Init.KaimingUniform_(RegisterParameter("weight", Torch.Empty([outFeatures, inFeatures], dtype))!, inFeatures, generator: generator);
        Tensor? b = RegisterParameter("bias", bias ? Torch.Empty([outFeatures], dtype) : null);
        if (b is not null)
        {
            Init.FanInBias_(b, inFeatures, generator);
        }
    }

    /// <summary>The weight (owned by the module).</summary>
    public Tensor Weight => GetParameter("weight")!;

    /// <summary>The bias, or null when disabled.</summary>
    public Tensor? Bias => GetParameter("bias");

    /// <inheritdoc />
    public override Tensor Forward(Tensor input) => Functional.Linear(input, Weight, Bias);
}
