using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLSeg.Training.FineTuning;

/// <summary>
/// MLSeg's Adam and AdamW (PyTorch 1.13 semantics: bias-corrected moments, eps added outside √v̂, L2 decay added to the
/// gradient for Adam, decoupled decay for AdamW) over flat buffers: at construction every parameter becomes a view into
/// one contiguous buffer per (group, dtype, device) — keeping its strides, so channels-last weights stay channels-last —
/// and its gradient a view into a matching gradient buffer that autograd accumulates into. A step is then a handful of
/// tensor operations on whole buffers instead of several kernels per parameter, and it allocates no per-parameter
/// native objects: the only temporaries of a step live in a dispose scope, and every <see cref="Scalar"/> it passes is
/// created explicitly and disposed when the call returns (no implicit conversions a finalizer could free mid-call).
/// </summary>
/// <remarks>
/// <para>
/// Like PyTorch, a parameter whose <c>requires_grad</c> is false at step time is skipped (its value, moments and step
/// count stay as they are). Unlike PyTorch, a parameter that requires a gradient but received none in a step (it took no
/// part in the loss) is stepped with a zero gradient, because its gradient view always exists.
/// </para>
/// <para>
/// The parameters keep their buffers after the optimizer is disposed. Replacing a parameter's storage while the optimizer
/// lives (<c>set_</c>, e.g. <c>ChannelsLast.Apply</c>) detaches it from the optimizer: apply such changes before building
/// it. In-place copies (<c>StateDicts.Load</c>) are fine. <see cref="zero_grad"/> zeroes the gradient buffers and re-links
/// every parameter's gradient to its view, so call it before each backward pass (PyTorch's usual loop).
/// </para>
/// <para>Learning-rate schedulers drive it through <see cref="ParamGroups"/>, as they drive TorchSharp's optimizers.</para>
/// </remarks>
public sealed class FlatAdam : optim.Optimizer
{
    private readonly List<FlatAdamGroup> groups;
    private readonly Scalar beta1;
    private readonly Scalar oneMinusBeta1;
    private readonly Scalar beta2;
    private readonly Scalar oneMinusBeta2;
    private readonly Scalar epsilon;
    private readonly Scalar one;
    private bool disposed;

    /// <summary>Builds the optimizer and moves every parameter (and gradient) into the flat buffers.</summary>
    /// <param name="kind">Adam (L2 decay) or AdamW (decoupled decay).</param>
    /// <param name="groups">Parameter groups, each with its learning rate and weight decay; no parameter may appear twice.</param>
    /// <param name="beta1">First-moment decay (PyTorch's default 0.9).</param>
    /// <param name="beta2">Second-moment decay (PyTorch's default 0.999).</param>
    /// <param name="eps">Added to √v̂ (PyTorch's default 1e-8).</param>
    /// <exception cref="ArgumentException">No groups, an empty group, a repeated parameter, or a value out of range.</exception>
    public FlatAdam(OptimizerKind kind, IEnumerable<(IEnumerable<Parameter> Parameters, double LearningRate, double WeightDecay)> groups,
        double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8)
        : base(IntPtr.Zero)
    {
        ArgumentNullException.ThrowIfNull(groups);
        if (!Enum.IsDefined(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown optimizer.");
        }

        CheckUnit(beta1, nameof(beta1));
        CheckUnit(beta2, nameof(beta2));
        if (!(eps >= 0) || double.IsInfinity(eps))
        {
            throw new ArgumentOutOfRangeException(nameof(eps), eps, "eps must be finite and ≥ 0.");
        }

        Kind = kind;
        Beta1 = beta1;
        Beta2 = beta2;
        Eps = eps;
        var seen = new HashSet<IntPtr>();
        this.groups = [];
        foreach (var (parameters, lr, weightDecay) in groups)
        {
            var list = parameters.ToList();
            if (list.Count == 0)
            {
                throw new ArgumentException($"Parameter group {this.groups.Count} is empty.", nameof(groups));
            }

            if (list.FirstOrDefault(p => !seen.Add(p.Handle)) is { } repeated)
            {
                throw new ArgumentException($"A parameter of shape [{string.Join(", ", repeated.shape)}] appears in more than one place of the optimizer's groups.", nameof(groups));
            }

            this.groups.Add(new FlatAdamGroup(this.groups.Count, list, lr, weightDecay));
        }

        if (this.groups.Count == 0)
        {
            throw new ArgumentException("The optimizer needs at least one parameter group.", nameof(groups));
        }

        this.beta1 = beta1.ToScalar();
        oneMinusBeta1 = (1 - beta1).ToScalar();
        this.beta2 = beta2.ToScalar();
        oneMinusBeta2 = (1 - beta2).ToScalar();
        epsilon = eps.ToScalar();
        one = 1.0.ToScalar();
    }

    /// <summary>Adam or AdamW.</summary>
    public OptimizerKind Kind { get; }

    /// <summary>First-moment decay.</summary>
    public double Beta1 { get; }

    /// <summary>Second-moment decay.</summary>
    public double Beta2 { get; }

    /// <summary>The term added to √v̂.</summary>
    public double Eps { get; }

    /// <summary>The parameter groups in construction order.</summary>
    public IReadOnlyList<FlatAdamGroup> Groups => groups;

    /// <inheritdoc/>
    public override IEnumerable<optim.ILearningRateController> ParamGroups => groups;

    /// <inheritdoc/>
    public override IEnumerable<Parameter> parameters() => groups.SelectMany(g => g.Parameters);

    /// <summary>Zeroes the gradient buffers (one kernel per buffer) and re-links each parameter's gradient to its view.</summary>
    public override void zero_grad()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        foreach (FlatAdamGroup g in groups)
        {
            g.ZeroGradients();
        }
    }

    /// <summary>One Adam/AdamW step of every group (the closure, if any, is evaluated first with gradients enabled).</summary>
    /// <returns>The closure's loss, or null.</returns>
    public override Tensor step(Func<Tensor>? closure = null)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        Tensor? loss = null;
        if (closure is not null)
        {
            using var enable = torch.enable_grad();
            loss = closure();
        }

        using (torch.no_grad())
        {
            foreach (FlatAdamGroup g in groups)
            {
                g.Step(this);
            }
        }

        return loss!;
    }

    /// <summary>
    /// Multiplies every gradient by <paramref name="factor"/> in place (one kernel per buffer) and reports whether all
    /// gradients are finite, with one host synchronisation: the loss-scaling path of <see cref="GradScaler"/>.
    /// </summary>
    public bool ScaleGradientsAndCheckFinite(double factor)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        using Scalar f = factor.ToScalar();
        var flags = new List<Tensor>();
        foreach (FlatAdamGroup g in groups)
        {
            foreach (FlatBucket b in g.Buckets)
            {
                b.Gradients.mul_(f);
                flags.Add(b.Gradients.isfinite().all());
            }
        }

        using Tensor all = torch.stack(flags).all();
        return all.item<bool>();
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing && !disposed)
        {
            disposed = true;
            foreach (FlatAdamGroup g in groups)
            {
                g.Dispose();
            }

            beta1.Dispose();
            oneMinusBeta1.Dispose();
            beta2.Dispose();
            oneMinusBeta2.Dispose();
            one.Dispose();
            epsilon.Dispose();
        }

        base.Dispose(disposing);
    }

    // One Adam/AdamW update of a contiguous range of a bucket whose parameters share the step count `step` (after increment).
    // `scratch` (same range of the bucket's scratch buffer) holds the decayed gradient and then the denominator, so a step
    // allocates no buffer-sized temporary: a fresh one per step fragmented glibc's heap (tens of MB of RSS per step).
    internal void Update(Tensor param, Tensor grad, Tensor expAvg, Tensor expAvgSq, Tensor scratch, long step, double lr, double weightDecay)
    {
        double biasCorrection1 = 1 - Math.Pow(Beta1, step);
        double biasCorrection2Sqrt = Math.Sqrt(1 - Math.Pow(Beta2, step));
        using var scope = torch.NewDisposeScope();
        Tensor g = grad;
        if (weightDecay != 0)
        {
            if (Kind == OptimizerKind.AdamW)
            {
                using Scalar keep = (1 - (lr * weightDecay)).ToScalar();
                param.mul_(keep);
            }
            else
            {
                using Scalar wd = weightDecay.ToScalar();
                g = scratch.copy_(grad).add_(param, wd);
            }
        }

        expAvg.mul_(beta1).add_(g, oneMinusBeta1);
        expAvgSq.mul_(beta2).addcmul_(g, g, oneMinusBeta2);
        using Scalar bc2 = biasCorrection2Sqrt.ToScalar();
        using Scalar stepSize = (-lr / biasCorrection1).ToScalar();
        Tensor denom = scratch.copy_(expAvgSq).sqrt_();
        denom.div_(bc2).add_(epsilon, one); // explicit alpha: add_(Scalar) would make an implicit Scalar 1 inside TorchSharp
        param.addcdiv_(expAvg, denom, stepSize);
    }

    private static void CheckUnit(double value, string name)
    {
        if (!(value >= 0 && value < 1))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be in [0, 1).");
        }
    }
}
