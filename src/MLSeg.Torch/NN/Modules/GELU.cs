namespace MLSeg.Torch.NN;

/// <summary>Gaussian error linear unit, exact erf form (PyTorch's <c>nn.GELU</c>).</summary>
public sealed class GELU : Module<Tensor, Tensor>
{
    /// <inheritdoc />
    public override Tensor Forward(Tensor input) => input.Gelu();
}
