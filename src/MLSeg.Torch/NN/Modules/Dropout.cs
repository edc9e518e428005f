namespace MLSeg.Torch.NN;

/// <summary>
/// Zeroes elements with probability <see cref="P"/> in training mode and scales the rest by 1/(1−p); the identity in
/// evaluation mode (PyTorch's <c>nn.Dropout</c>). Draws come from libtorch's global generator (the shim's dropout takes none).
/// </summary>
public sealed class Dropout : Module<Tensor, Tensor>
{
    /// <summary>Creates the layer.</summary>
    public Dropout(double p = 0.5)
    {
        if (p is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "Dropout probability must be in [0, 1].");
        }

        P = p;
    }

    /// <summary>Drop probability.</summary>
    public double P { get; }

    /// <inheritdoc />
    public override Tensor Forward(Tensor input) => Functional.Dropout(input, P, IsTraining);
}
