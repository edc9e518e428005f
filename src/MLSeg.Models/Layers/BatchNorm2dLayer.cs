using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLSeg.Models.Layers;

/// <summary>
/// Batch normalisation over (N, C, H, W) with PyTorch's state (<c>weight</c>, <c>bias</c>, <c>running_mean</c>,
/// <c>running_var</c>, <c>num_batches_tracked</c>). Reduced-precision activations are normalised as they come, with
/// float32 statistics and affine parameters (libtorch's mixed batch norm), so the output keeps the activation type.
/// </summary>
public sealed class BatchNorm2dLayer : nn.Module<Tensor, Tensor>
{
    /// <summary>Children and parameters are registered explicitly under PyTorch's names; no registration by field reflection.</summary>
    protected override void RegisterComponents()
    {
    }


    /// <summary>Creates the layer.</summary>
    /// <param name="numFeatures">Channels C.</param>
    /// <param name="eps">Added to the variance.</param>
    /// <param name="momentum">Running-statistics momentum in [0, 1].</param>
    public BatchNorm2dLayer(long numFeatures, double eps = 1e-5, double momentum = 0.1) : base(nameof(BatchNorm2dLayer))
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
        var weight = new Parameter(torch.ones(numFeatures));
        var bias = new Parameter(torch.zeros(numFeatures));
        var runningMean = torch.zeros(numFeatures);
        var runningVar = torch.ones(numFeatures);
        var numBatchesTracked = torch.zeros([], ScalarType.Int64);
        register_parameter("weight", weight);
        register_parameter("bias", bias);
        register_buffer("running_mean", runningMean);
        register_buffer("running_var", runningVar);
        register_buffer("num_batches_tracked", numBatchesTracked);
    }

    /// <summary>Channels C.</summary>
    public long NumFeatures { get; }

    /// <summary>Added to the variance.</summary>
    public double Eps { get; }

    /// <summary>Running-statistics momentum.</summary>
    public double Momentum { get; }

    /// <summary>The scale γ.</summary>
    public Parameter Weight => Registered.Parameter(_internal_params, "weight");

    /// <summary>The shift β.</summary>
    public Parameter Bias => Registered.Parameter(_internal_params, "bias");

    /// <summary>The running mean.</summary>
    public Tensor RunningMean => Registered.Buffer(_internal_buffers, "running_mean");

    /// <summary>The running variance.</summary>
    public Tensor RunningVar => Registered.Buffer(_internal_buffers, "running_var");

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.dim() != 4)
        {
            throw new ArgumentException($"BatchNorm2dLayer expects (N, C, H, W); got shape [{string.Join(", ", input.shape)}].", nameof(input));
        }

        if (training)
        {
            using (torch.no_grad())
            {
                // An explicit, kept-alive integral Scalar: an implicit temporary can be finalized by a GC on another thread
                // while the native call still reads it (seen with concurrent arms as "alpha must not be a floating point number").
                using Scalar one = 1L;
                using Scalar alpha = 1L;
                Registered.Buffer(_internal_buffers, "num_batches_tracked").add_(one, alpha);
            }
        }

        return nn.functional.batch_norm(input, RunningMean, RunningVar, Weight, Bias, training, Momentum, Eps);
    }
}
