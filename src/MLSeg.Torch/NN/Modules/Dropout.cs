namespace MLSeg.Torch.NN;

/// <summary>
/// Zeroes elements with probability <see cref="P"/> in training mode and scales the rest by 1/(1−p); the identity in
/// evaluation mode (PyTorch's <c>nn.Dropout</c>). With a <see cref="Generator"/> the drop masks come from that stream
/// (reproducible when several models train in one process at once); without one, from libtorch's global generator.
/// </summary>
public sealed class Dropout : Module<Tensor, Tensor>
{
    /// <summary>Creates the layer; <paramref name="generator"/> (not owned) supplies the drop masks, or null.</summary>
    public Dropout(double p = 0.5, Generator? generator = null)
    {
        if (p is < 0 or > 1 || double.IsNaN(p))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "Dropout probability must be in [0, 1].");
        }

        P = p;
        Generator = generator;
    }

    /// <summary>Drop probability.</summary>
    public double P { get; }

    /// <summary>The random stream of the drop masks (not owned), or null for libtorch's global generator.</summary>
    public Generator? Generator { get; set; }

    /// <inheritdoc />
    public override Tensor Forward(Tensor input) => Functional.Dropout(input, P, IsTraining, Generator);
}
