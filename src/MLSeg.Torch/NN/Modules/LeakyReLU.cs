namespace MLSeg.Torch.NN;

/// <summary>x for x ≥ 0, slope·x otherwise (PyTorch's <c>nn.LeakyReLU</c>).</summary>
public sealed class LeakyReLU : Module<Tensor, Tensor>
{
    /// <summary>Creates the activation with <paramref name="negativeSlope"/>.</summary>
    public LeakyReLU(double negativeSlope = 0.01) => NegativeSlope = negativeSlope;

    /// <summary>Slope for negative inputs.</summary>
    public double NegativeSlope { get; }

    /// <inheritdoc />
    public override Tensor Forward(Tensor input) => input.LeakyRelu(NegativeSlope);
}
