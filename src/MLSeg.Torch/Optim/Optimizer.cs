namespace MLSeg.Torch.Optim;

/// <summary>
/// Base of the optimizers (PyTorch's <c>torch.optim.Optimizer</c>): parameter groups with their own learning rate and
/// weight decay, <see cref="ZeroGrad"/>, and <see cref="Step"/>, which updates parameters in place without recording
/// autograd history. State tensors are owned by the optimizer and freed with it.
/// </summary>
public abstract partial class Optimizer : IDisposable
{
    private readonly List<ParamGroup> groups;
    private readonly Dictionary<(int Group, int Index), ParameterState> state = [];
    private bool disposed;

    /// <summary>Sets up the groups, filling unset options with <paramref name="learningRate"/> and <paramref name="weightDecay"/>.</summary>
    protected Optimizer(IEnumerable<ParamGroup> paramGroups, double learningRate, double weightDecay)
    {
        ArgumentNullException.ThrowIfNull(paramGroups);
        ArgumentOutOfRangeException.ThrowIfNegative(learningRate);
        ArgumentOutOfRangeException.ThrowIfNegative(weightDecay);
        groups = paramGroups.ToList();
        if (groups.Count == 0 || groups.All(g => g.Parameters.Count == 0))
        {
            throw new ArgumentException("The optimizer got no parameters.", nameof(paramGroups));
        }

        var seen = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        foreach (ParamGroup g in groups)
        {
            foreach (Tensor p in g.Parameters)
            {
                if (!seen.Add(p))
                {
                    throw new ArgumentException($"Parameter {p.Describe()} appears in more than one group.", nameof(paramGroups));
                }
            }

            g.LearningRate = g.RequestedLearningRate ?? learningRate;
            g.InitialLearningRate = g.LearningRate;
            g.WeightDecay = g.RequestedWeightDecay ?? weightDecay;
        }
    }

    /// <summary>The parameter groups in construction order.</summary>
    public IReadOnlyList<ParamGroup> ParamGroups => groups;

    /// <summary>Drops every parameter's gradient (PyTorch's <c>zero_grad(set_to_none=True)</c>).</summary>
    public void ZeroGrad()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        foreach (ParamGroup g in groups)
        {
            foreach (Tensor p in g.Parameters)
            {
                p.ZeroGrad();
            }
        }
    }

    /// <summary>Applies one update to every parameter that has a gradient; parameters without one are skipped, as in PyTorch.</summary>
    public void Step()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        using var noGrad = Torch.NoGrad();
        using var scope = Torch.NewDisposeScope();
        for (int gi = 0; gi < groups.Count; gi++)
        {
            ParamGroup g = groups[gi];
            for (int pi = 0; pi < g.Parameters.Count; pi++)
            {
                Tensor p = g.Parameters[pi];
                using Tensor? grad = p.Grad;
                if (grad is null)
                {
                    continue;
                }

                if (!state.TryGetValue((gi, pi), out ParameterState? s))
                {
                    s = new ParameterState();
                    state[(gi, pi)] = s;
                }

                s.Step++;
                Update(g, p, grad, s);
            }
        }
    }

    /// <summary>The state of parameter <paramref name="index"/> of group <paramref name="group"/>, or null before its first update.</summary>
    public ParameterState? GetState(int group, int index) => state.TryGetValue((group, index), out ParameterState? s) ? s : null;

    /// <summary>
    /// Updates <paramref name="parameter"/> in place from <paramref name="grad"/>; runs under no-grad inside a dispose
    /// scope (store tensors that must persist with <see cref="ParameterState.Set"/>). <see cref="ParameterState.Step"/>
    /// already counts this update.
    /// </summary>
    protected abstract void Update(ParamGroup group, Tensor parameter, Tensor grad, ParameterState state);

    /// <summary>Frees the state tensors (not the parameters, which belong to their module).</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Frees the state when <paramref name="disposing"/>.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (disposed || !disposing)
        {
            return;
        }

        disposed = true;
        foreach (ParameterState s in state.Values)
        {
            s.Dispose();
        }

        state.Clear();
    }
}
