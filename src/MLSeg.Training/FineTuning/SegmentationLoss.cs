using MLSeg.Models.Engine;
using TorchSharp;
using static TorchSharp.torch;

namespace MLSeg.Training.FineTuning;

/// <summary>
/// Weighted sum of soft Dice (foreground classes, batch form) and cross-entropy (optionally class-weighted):
/// <c>DiceWeight · Dice + CrossEntropyWeight · CE</c>.
/// </summary>
public sealed record SegmentationLoss
{
    /// <summary>Weight of the soft Dice term (≥ 0).</summary>
    public double DiceWeight { get; init; } = 1;

    /// <summary>Weight of the cross-entropy term (≥ 0).</summary>
    public double CrossEntropyWeight { get; init; } = 1;

    /// <summary>Per-class CE weights (length K), or null for unweighted CE.</summary>
    public IReadOnlyList<float>? ClassWeights { get; init; }

    /// <summary>Checks the weights against a network with <paramref name="numClasses"/> classes.</summary>
    public void Validate(long numClasses)
    {
        if (DiceWeight < 0 || CrossEntropyWeight < 0 || DiceWeight + CrossEntropyWeight <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(DiceWeight), $"Loss weights must be ≥ 0 with a positive sum; got Dice {DiceWeight}, CE {CrossEntropyWeight}.");
        }

        if (ClassWeights is { } w && (w.Count != numClasses || w.Any(v => v < 0 || !float.IsFinite(v))))
        {
            throw new ArgumentException($"CE class weights must be {numClasses} finite values ≥ 0 (one per class, background first); got [{string.Join(", ", w)}].", nameof(ClassWeights));
        }
    }

    /// <summary>
    /// The loss of logits (N, K, H, W) against int64 targets (N, H, W), as a float32 scalar tensor. Reduced-precision
    /// logits are cast to float32 first, so the softmax, the log-likelihood and the Dice sums always run in float32.
    /// </summary>
    public Tensor Compute(Tensor logits, Tensor target)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(target);
        using var scope = torch.NewDisposeScope();
        Tensor x = ComputePrecision.ToFloat32OrNull(logits) ?? logits;
        Tensor? total = null;
        if (CrossEntropyWeight > 0)
        {
            Tensor? weight = ClassWeights is { } w ? torch.tensor(w.ToArray(), device: x.device) : null;
            using Scalar ceWeight = CrossEntropyWeight.ToScalar(); // explicit: see SoftDice
            total = nn.functional.cross_entropy(x, target, weight).mul(ceWeight);
        }

        if (DiceWeight > 0)
        {
            using Scalar diceWeight = DiceWeight.ToScalar(), one = 1.0.ToScalar();
            Tensor dice = SoftDice(x, target).mul(diceWeight);
            total = total is null ? dice : total.add(dice, one);
        }

        return scope.MoveToOuter(total!);
    }

    /// <summary>
    /// Soft Dice loss of logits (N, C, H, W) against int64 class indices (N, H, W): 1 − mean over the selected classes
    /// of (2·Σ p·g + ε) / (Σ p + Σ g + ε), with p the softmax probabilities and g the one-hot truth, summed over the batch
    /// and the pixels (the "batch Dice" form, stable for images where a class is absent). Built from tensor operations,
    /// so autograd differentiates it.
    /// </summary>
    /// <param name="logits">Raw scores (N, C, H, W).</param>
    /// <param name="target">Class indices (N, H, W), int64.</param>
    /// <param name="includeBackground">Whether class 0 counts in the mean.</param>
    /// <param name="smooth">ε, added to numerator and denominator.</param>
    public static Tensor SoftDice(Tensor logits, Tensor target, bool includeBackground = false, double smooth = 1e-5)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(target);
        if (logits.dim() != 4)
        {
            throw new ArgumentException($"Soft Dice expects logits (N, C, H, W); got {logits.Describe()}.", nameof(logits));
        }

        long classes = logits.shape[1];
        if (!includeBackground && classes < 2)
        {
            throw new ArgumentException("Soft Dice without background needs at least 2 classes.", nameof(logits));
        }

        using var scope = torch.NewDisposeScope();
        Tensor probs = logits.softmax(1);
        Tensor truth = nn.functional.one_hot(target, classes).permute(0, 3, 1, 2).to(probs.dtype);
        long[] dims = [0, 2, 3];
        // Scalars are created and disposed here, never converted implicitly, and add() always gets its alpha (TorchSharp's
        // add(x) makes an implicit alpha): an implicit Scalar temporary can be finalized by a collection on another
        // thread while libtorch still reads it ("Expected false to be true" from add_scalar, ScalarLifetimeTests), so
        // every Scalar outlives the native call that uses it.
        using Scalar eps = smooth.ToScalar(), two = 2.0.ToScalar(), one = 1.0.ToScalar();
        Tensor intersection = probs.mul(truth).sum(dims);
        Tensor denominator = probs.sum(dims).add(truth.sum(dims), one).add(eps, one);
        Tensor dice = intersection.mul(two).add(eps, one).div(denominator);
        Tensor selected = includeBackground ? dice : dice.narrow(0, 1, classes - 1);
        return scope.MoveToOuter(selected.mean().neg().add(one, one));
    }
}
