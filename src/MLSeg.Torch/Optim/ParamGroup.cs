namespace MLSeg.Torch.Optim;

/// <summary>
/// A set of parameters sharing a learning rate and weight decay (PyTorch's <c>param_groups</c> entry) — e.g. a
/// pretrained encoder at a tenth of the decoder's rate. Null options take the optimizer's defaults.
/// </summary>
public sealed class ParamGroup
{
    /// <summary>Creates a group over <paramref name="parameters"/> (tensors owned by their module, not by the group).</summary>
    public ParamGroup(IEnumerable<Tensor> parameters, double? learningRate = null, double? weightDecay = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Parameters = parameters.ToList();
        if (learningRate is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate, "Learning rate must be ≥ 0.");
        }

        if (weightDecay is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(weightDecay), weightDecay, "Weight decay must be ≥ 0.");
        }

        RequestedLearningRate = learningRate;
        RequestedWeightDecay = weightDecay;
    }

    /// <summary>The parameters updated by this group.</summary>
    public IReadOnlyList<Tensor> Parameters { get; }

    /// <summary>The current learning rate (schedulers write it).</summary>
    public double LearningRate { get; set; }

    /// <summary>The learning rate the group started with (PyTorch's <c>initial_lr</c>); schedulers scale from it.</summary>
    public double InitialLearningRate { get; set; }

    /// <summary>L2 penalty (SGD, Adam) or decoupled decay (AdamW).</summary>
    public double WeightDecay { get; set; }

    internal double? RequestedLearningRate { get; }

    internal double? RequestedWeightDecay { get; }
}
