namespace MLSeg.Torch.Optim;

/// <summary>
/// Stochastic gradient descent with momentum, dampening, Nesterov momentum and L2 weight decay, following
/// <c>torch.optim.SGD</c>: d = g + λθ; b ← d (first step) or μb + (1−τ)d; d ← d + μb (Nesterov) or b; θ ← θ − lr·d.
/// </summary>
public sealed class Sgd : Optimizer
{
    /// <summary>Creates the optimizer over parameter groups; groups without their own rate or decay use these.</summary>
    public Sgd(IEnumerable<ParamGroup> paramGroups, double learningRate, double momentum = 0, double dampening = 0, double weightDecay = 0, bool nesterov = false)
        : base(paramGroups, learningRate, weightDecay)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(momentum);
        if (nesterov && (momentum <= 0 || dampening != 0))
        {
            throw new ArgumentException("Nesterov momentum requires momentum > 0 and dampening = 0.", nameof(nesterov));
        }

        Momentum = momentum;
        Dampening = dampening;
        Nesterov = nesterov;
    }

    /// <summary>Creates the optimizer over one group.</summary>
    public Sgd(IEnumerable<Tensor> parameters, double learningRate, double momentum = 0, double dampening = 0, double weightDecay = 0, bool nesterov = false)
        : this([new ParamGroup(parameters)], learningRate, momentum, dampening, weightDecay, nesterov) { }

    /// <summary>μ.</summary>
    public double Momentum { get; }

    /// <summary>τ.</summary>
    public double Dampening { get; }

    /// <summary>Whether the Nesterov form is used.</summary>
    public bool Nesterov { get; }

    /// <inheritdoc />
    protected override void Update(ParamGroup group, Tensor parameter, Tensor grad, ParameterState state)
    {
        Tensor d = group.WeightDecay != 0 ? grad.Add(parameter, group.WeightDecay) : grad;
        if (Momentum != 0)
        {
            Tensor? buf = state.Get("momentum_buffer");
            if (buf is null)
            {
                buf = state.Set("momentum_buffer", d.Clone());
            }
            else
            {
                buf.Mul_(Momentum).Add_(d, 1 - Dampening);
            }

            d = Nesterov ? d.Add(buf, Momentum) : buf;
        }

        parameter.Add_(d, -group.LearningRate);
    }
}
