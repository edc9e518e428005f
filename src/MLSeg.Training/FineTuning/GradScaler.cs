using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLSeg.Training.FineTuning;

/// <summary>
/// Dynamic loss scaling for float16 training, which TorchSharp 0.107 lacks (PyTorch's <c>torch.cuda.amp.GradScaler</c>,
/// same defaults): the loss is multiplied by <see cref="Scale"/> before backward so small gradients survive float16;
/// <see cref="Step"/> divides the gradients back, skips the optimizer step when any gradient is inf or NaN and multiplies
/// the scale by <see cref="BackoffFactor"/>, and multiplies it by <see cref="GrowthFactor"/> after
/// <see cref="GrowthInterval"/> consecutive clean steps. bfloat16 has float32's exponent range and needs no scaler.
/// </summary>
/// <remarks>
/// <see cref="Scale"/> and <see cref="CleanSteps"/> are the whole state: a trainer checkpoints both and passes them back
/// to the constructor to resume exactly.
/// </remarks>
public sealed class GradScaler
{
    /// <summary>A scaler starting at <paramref name="initialScale"/> with PyTorch's defaults for the rest.</summary>
    /// <param name="initialScale">The first loss scale (PyTorch: 2^16).</param>
    /// <param name="growthFactor">Factor (&gt; 1) applied after <paramref name="growthInterval"/> clean steps.</param>
    /// <param name="backoffFactor">Factor in (0, 1) applied after a step with inf/NaN gradients.</param>
    /// <param name="growthInterval">Clean steps between increases (≥ 1).</param>
    /// <param name="cleanSteps">Clean steps already counted towards the next increase (from a checkpoint), in [0, growthInterval).</param>
    public GradScaler(double initialScale = 65536.0, double growthFactor = 2.0, double backoffFactor = 0.5, int growthInterval = 2000, int cleanSteps = 0)
    {
        if (!(initialScale > 0) || double.IsInfinity(initialScale))
        {
            throw new ArgumentOutOfRangeException(nameof(initialScale), initialScale, "The loss scale must be finite and > 0.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(growthFactor, 1.0);
        if (backoffFactor is <= 0 or >= 1 || double.IsNaN(backoffFactor))
        {
            throw new ArgumentOutOfRangeException(nameof(backoffFactor), backoffFactor, "The backoff factor must be in (0, 1).");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(growthInterval);
        if (cleanSteps < 0 || cleanSteps >= growthInterval)
        {
            throw new ArgumentOutOfRangeException(nameof(cleanSteps), cleanSteps, $"Clean steps must be in [0, {growthInterval}).");
        }

        Scale = initialScale;
        GrowthFactor = growthFactor;
        BackoffFactor = backoffFactor;
        GrowthInterval = growthInterval;
        CleanSteps = cleanSteps;
    }

    /// <summary>The current loss scale.</summary>
    public double Scale { get; private set; }

    /// <summary>Factor applied to the scale after <see cref="GrowthInterval"/> steps without inf/NaN.</summary>
    public double GrowthFactor { get; }

    /// <summary>Factor applied to the scale after a step with inf/NaN gradients.</summary>
    public double BackoffFactor { get; }

    /// <summary>Clean steps between scale increases.</summary>
    public int GrowthInterval { get; }

    /// <summary>Consecutive clean steps since the last change of the scale (PyTorch's growth tracker).</summary>
    public int CleanSteps { get; private set; }

    /// <summary>Whether the last <see cref="Step"/> was skipped because a gradient was not finite.</summary>
    public bool LastStepSkipped { get; private set; }

    /// <summary>loss · <see cref="Scale"/>, to call <c>backward()</c> on.</summary>
    public Tensor ScaleLoss(Tensor loss)
    {
        ArgumentNullException.ThrowIfNull(loss);
        using Scalar scale = Scale.ToScalar();
        return loss.mul(scale);
    }

    /// <summary>
    /// Divides every gradient of <paramref name="optimizer"/>'s parameters by <see cref="Scale"/> (for
    /// <see cref="FlatAdam"/>, one kernel per flat gradient buffer), steps the optimizer
    /// only when all of them are finite, then updates the scale.
    /// </summary>
    /// <returns>Whether the optimizer stepped.</returns>
    public bool Step(optim.Optimizer optimizer)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        bool finite = optimizer is FlatAdam flat ? flat.ScaleGradientsAndCheckFinite(1.0 / Scale) : Unscale(optimizer.parameters());
        LastStepSkipped = !finite;
        if (finite)
        {
            using Tensor? _ = optimizer.step();
            if (++CleanSteps >= GrowthInterval)
            {
                Scale *= GrowthFactor;
                CleanSteps = 0;
            }
        }
        else
        {
            Scale *= BackoffFactor;
            CleanSteps = 0;
        }

        return finite;
    }

    // Unscales in place and checks all gradients with one host synchronisation (one stacked flag per gradient).
    private bool Unscale(IEnumerable<Parameter> parameters)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var flags = new List<Tensor>();
        using Scalar inverse = (1.0 / Scale).ToScalar();
        foreach (Parameter p in parameters)
        {
            Tensor? grad = p.grad;
            if (grad is null)
            {
                continue;
            }

            grad.mul_(inverse);
            flags.Add(grad.isfinite().all());
        }

        return flags.Count == 0 || torch.stack(flags).all().item<bool>();
    }
}
