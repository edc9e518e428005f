namespace MLSeg.Torch.NN;

/// <summary>A module with a typed forward pass (PyTorch's <c>forward</c>).</summary>
/// <typeparam name="TIn">Input type, usually <see cref="Tensor"/>.</typeparam>
/// <typeparam name="TOut">Output type, usually <see cref="Tensor"/>.</typeparam>
public abstract class Module<TIn, TOut> : Module
{
    /// <summary>Computes the output; a returned tensor is new and owned by the caller (or the current dispose scope).</summary>
    public abstract TOut Forward(TIn input);
}
