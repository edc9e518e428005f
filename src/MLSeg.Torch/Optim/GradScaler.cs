namespace MLSeg.Torch.Optim;

/// <summary>
/// Dynamic loss scaling for float16 training (PyTorch's <c>torch.cuda.amp.GradScaler</c>): the loss is multiplied by
/// <see cref="Scale"/> before backward so small gradients survive float16; <see cref="Step"/> divides the gradients
/// back, skips the optimizer step when any gradient is inf/NaN and halves the scale, and grows the scale by
/// <see cref="GrowthFactor"/> after <see cref="GrowthInterval"/> clean steps. bfloat16 needs no scaler.
/// </summary>
public sealed class GradScaler
{
    /// <summary>A scaler starting at <paramref name="initialScale"/> (PyTorch's defaults).</summary>
    public GradScaler(double initialScale = 65536.0, double growthFactor = 2.0, double backoffFactor = 0.5, int growthInterval = 2000)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(initialScale);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(growthFactor, 1.0);
        if (backoffFactor is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(backoffFactor), backoffFactor, "The backoff factor must be in (0, 1).");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(growthInterval);
        Scale = initialScale;
        GrowthFactor = growthFactor;
        BackoffFactor = backoffFactor;
        GrowthInterval = growthInterval;
    }

    /// <summary>The current loss scale.</summary>
    public double Scale { get; private set; }

    /// <summary>Factor applied to the scale after <see cref="GrowthInterval"/> steps without inf/NaN.</summary>
    public double GrowthFactor { get; }

    /// <summary>Factor applied to the scale after a step with inf/NaN gradients.</summary>
    public double BackoffFactor { get; }

    /// <summary>Clean steps between scale increases.</summary>
    public int GrowthInterval { get; }

    /// <summary>Whether the last <see cref="Step"/> was skipped because a gradient was not finite.</summary>
    public bool LastStepSkipped { get; private set; }

    private int cleanSteps;

    /// <summary>loss · scale, to call <c>Backward()</c> on.</summary>
    public Tensor ScaleLoss(Tensor loss) => loss.Mul(Scale);

    /// <summary>
    /// Unscales every gradient of <paramref name="optimizer"/>'s parameters; steps the optimizer only when all are
    /// finite; then updates the scale. Returns whether the optimizer stepped.
    /// </summary>
    public bool Step(Optimizer optimizer)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        bool finite = true;
        using (Torch.NoGrad())
        {
            foreach (ParamGroup group in optimizer.ParamGroups)
            {
                foreach (Tensor p in group.Parameters)
                {
                    using Tensor? grad = p.Grad;
                    if (grad is null)
                    {
                        continue;
                    }

                    grad.Mul_(1.0 / Scale);
                    using Tensor ok = grad.IsFinite();
                    using Tensor bad = ok.LogicalNot();
                    using Tensor anyBad = bad.To(ScalarType.Float32).Sum();
                    finite &= anyBad.Item() == 0;
                }
            }
        }

        LastStepSkipped = !finite;
        if (finite)
        {
            optimizer.Step();
            if (++cleanSteps >= GrowthInterval)
            {
                Scale *= GrowthFactor;
                cleanSteps = 0;
            }
        }
        else
        {
            Scale *= BackoffFactor;
            cleanSteps = 0;
        }

        return finite;
    }
}
