using TorchSharp;
using static TorchSharp.torch;

namespace MLSeg.Models.Layers;

/// <summary>
/// Dropout that draws its masks from its own <see cref="Generator"/> (TorchSharp's <c>nn.Dropout</c> draws from
/// libtorch's process-wide stream, which concurrent arms would interleave). MLSeg's trainer re-seeds it per epoch, so
/// runs are reproducible with <c>--jobs N</c>. With no generator it draws from the global stream.
/// </summary>
public sealed class SeededDropout : nn.Module<Tensor, Tensor>
{
    /// <summary>Children and parameters are registered explicitly under PyTorch's names; no registration by field reflection.</summary>
    protected override void RegisterComponents()
    {
    }

    /// <summary>Creates the layer.</summary>
    /// <param name="p">Drop probability in [0, 1).</param>
    /// <param name="generator">The stream masks come from (null: the global one; may be set later).</param>
    public SeededDropout(double p = 0.5, Generator? generator = null) : base(nameof(SeededDropout))
    {
        if (p is < 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "Dropout probability must be in [0, 1).");
        }

        P = p;
        Generator = generator;
    }

    /// <summary>Drop probability.</summary>
    public double P { get; }

    /// <summary>The stream masks come from (null: libtorch's global one).</summary>
    public Generator? Generator { get; set; }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!training || P == 0)
        {
            return input.alias();
        }

        using Tensor keep = torch.empty(input.shape, ScalarType.Float32, input.device);
        keep.bernoulli_(1 - P, Generator);
        using Tensor typed = keep.to(input.dtype);
        using Tensor kept = input.mul(typed);
        using Scalar scale = (1 - P).ToScalar(); // explicit and alive through the call (an implicit temporary can be finalized mid-call)
        return kept.div(scale);
    }
}
