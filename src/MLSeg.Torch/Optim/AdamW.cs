namespace MLSeg.Torch.Optim;

/// <summary>
/// AdamW (<c>torch.optim.AdamW</c>): Adam with decoupled weight decay, θ ← θ·(1 − lr·λ) before the Adam update.
/// PyTorch's default λ is 0.01.
/// </summary>
public sealed class AdamW : Adam
{
    /// <summary>Creates the optimizer over parameter groups; groups without their own rate or decay use these.</summary>
    public AdamW(IEnumerable<ParamGroup> paramGroups, double learningRate = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8,
        double weightDecay = 0.01, bool amsGrad = false)
        : base(paramGroups, learningRate, beta1, beta2, eps, weightDecay, amsGrad, decoupled: true) { }

    /// <summary>Creates the optimizer over one group.</summary>
    public AdamW(IEnumerable<Tensor> parameters, double learningRate = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8,
        double weightDecay = 0.01, bool amsGrad = false)
        : base([new ParamGroup(parameters)], learningRate, beta1, beta2, eps, weightDecay, amsGrad, decoupled: true) { }
}
