namespace MLSeg.Torch.NN;

/// <summary>
/// Batch normalisation over (N, H, W) per channel (PyTorch's <c>nn.BatchNorm2d</c>). Training mode normalises with the
/// batch statistics and updates "running_mean"/"running_var" (unbiased variance) with <see cref="Momentum"/> and counts
/// "num_batches_tracked" (int64); evaluation mode uses the running statistics.
/// </summary>
public sealed class BatchNorm2d : Module<Tensor, Tensor>
{
    /// <summary>Creates the layer: weight 1, bias 0, running mean 0, running variance 1.</summary>
    public BatchNorm2d(long numFeatures, double eps = 1e-5, double momentum = 0.1, bool affine = true, ScalarType dtype = ScalarType.Float32)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(numFeatures);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(eps);
        if (momentum is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(momentum), momentum, "Momentum must be in [0, 1].");
        }

        NumFeatures = numFeatures;
        Eps = eps;
        Momentum = momentum;
        RegisterParameter("weight", affine ? Torch.Ones([numFeatures], dtype) : null);
        RegisterParameter("bias", affine ? Torch.Zeros([numFeatures], dtype) : null);
        RegisterBuffer("running_mean", Torch.Zeros([numFeatures], dtype));
        RegisterBuffer("running_var", Torch.Ones([numFeatures], dtype));
        RegisterBuffer("num_batches_tracked", Torch.Zeros([], ScalarType.Int64));
    }

    /// <summary>Channels.</summary>
    public long NumFeatures { get; }

    /// <summary>Added to the variance.</summary>
    public double Eps { get; }

    /// <summary>Weight of the new batch statistic in the running averages.</summary>
    public double Momentum { get; }

    /// <summary>The scale γ, or null when not affine.</summary>
    public Tensor? Weight => GetParameter("weight");

    /// <summary>The shift β, or null when not affine.</summary>
    public Tensor? Bias => GetParameter("bias");

    /// <summary>Running mean of the batch means.</summary>
    public Tensor RunningMean => GetBuffer("running_mean");

    /// <summary>Running mean of the (unbiased) batch variances.</summary>
    public Tensor RunningVar => GetBuffer("running_var");

    /// <summary>Training batches seen.</summary>
    public Tensor NumBatchesTracked => GetBuffer("num_batches_tracked");

    /// <inheritdoc />
    public override Tensor Forward(Tensor input)
    {
        if (input.Dim != 4)
        {
            throw new ArgumentException($"BatchNorm2d expects (N, C, H, W); got {input.Describe()}.", nameof(input));
        }

        if (IsTraining)
        {
            NumBatchesTracked.Add_(1); // in place, no host round trip (the shim passes integral scalars to int64 tensors)
        }

        return Functional.BatchNorm(input, RunningMean, RunningVar, Weight, Bias, IsTraining, Momentum, Eps);
    }
}
