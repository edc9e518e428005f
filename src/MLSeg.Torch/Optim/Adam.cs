namespace MLSeg.Torch.Optim;

/// <summary>
/// Adam (<c>torch.optim.Adam</c>) with optional AMSGrad and L2 weight decay added to the gradient:
/// m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², θ ← θ − (lr/(1−β₁ᵗ))·m / (√v̂/√(1−β₂ᵗ) + ε), with v̂ = v or its running maximum.
/// </summary>
public class Adam : Optimizer
{
    /// <summary>Creates the optimizer over parameter groups; groups without their own rate or decay use these.</summary>
    public Adam(IEnumerable<ParamGroup> paramGroups, double learningRate = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8,
        double weightDecay = 0, bool amsGrad = false)
        : this(paramGroups, learningRate, beta1, beta2, eps, weightDecay, amsGrad, decoupled: false) { }

    /// <summary>Creates the optimizer over one group.</summary>
    public Adam(IEnumerable<Tensor> parameters, double learningRate = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8,
        double weightDecay = 0, bool amsGrad = false)
        : this([new ParamGroup(parameters)], learningRate, beta1, beta2, eps, weightDecay, amsGrad, decoupled: false) { }

    private protected Adam(IEnumerable<ParamGroup> paramGroups, double learningRate, double beta1, double beta2, double eps, double weightDecay, bool amsGrad, bool decoupled)
        : base(paramGroups, learningRate, weightDecay)
    {
        if (beta1 is < 0 or >= 1 || beta2 is < 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(beta1), $"Betas must be in [0, 1); got ({beta1}, {beta2}).");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(eps);
        Beta1 = beta1;
        Beta2 = beta2;
        Eps = eps;
        AmsGrad = amsGrad;
        DecoupledWeightDecay = decoupled;
    }

    /// <summary>β₁, decay of the first-moment estimate.</summary>
    public double Beta1 { get; }

    /// <summary>β₂, decay of the second-moment estimate.</summary>
    public double Beta2 { get; }

    /// <summary>ε, added to the denominator.</summary>
    public double Eps { get; }

    /// <summary>Whether the running maximum of v is used (AMSGrad).</summary>
    public bool AmsGrad { get; }

    /// <summary>Whether weight decay shrinks the parameters directly (AdamW) instead of adding to the gradient.</summary>
    public bool DecoupledWeightDecay { get; }

    /// <inheritdoc />
    protected override void Update(ParamGroup group, Tensor parameter, Tensor grad, ParameterState state)
    {
        double lr = group.LearningRate;
        if (DecoupledWeightDecay)
        {
            parameter.Mul_(1 - (lr * group.WeightDecay));
        }
        else if (group.WeightDecay != 0)
        {
            grad = grad.Add(parameter, group.WeightDecay);
        }

        Tensor m = state.Get("exp_avg") ?? state.Set("exp_avg", Torch.Zeros(parameter.Shape, parameter.Dtype, parameter.Device));
        Tensor v = state.Get("exp_avg_sq") ?? state.Set("exp_avg_sq", Torch.Zeros(parameter.Shape, parameter.Dtype, parameter.Device));
        m.Mul_(Beta1).Add_(grad, 1 - Beta1);
        v.Mul_(Beta2).AddCMul_(grad, grad, 1 - Beta2);
        double step = state.Step;
        double biasCorrection1 = 1 - Math.Pow(Beta1, step);
        double biasCorrection2Sqrt = Math.Sqrt(1 - Math.Pow(Beta2, step));
        Tensor second = v;
        if (AmsGrad)
        {
            Tensor? max = state.Get("max_exp_avg_sq");
            if (max is null)
            {
                max = state.Set("max_exp_avg_sq", v.Clone());
            }
            else
            {
                using Tensor larger = max.Maximum(v);
                max.Copy_(larger);
            }

            second = max;
        }

        using Tensor root = second.Sqrt();
        using Tensor denom = root.Div(biasCorrection2Sqrt);
        denom.Add_(Eps);
        parameter.AddCDiv_(m, denom, -lr / biasCorrection1);
    }
}
