using MLSeg.Torch;
using MLSeg.Torch.NN;

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

    /// <summary>The loss of logits (N, K, H, W) against int64 targets (N, H, W), as a scalar tensor.</summary>
    public Tensor Compute(Tensor logits, Tensor target)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(target);
        using var scope = Torch.Torch.NewDisposeScope();
        Tensor total = Torch.Torch.Zeros([], logits.Dtype, logits.Device);
        if (CrossEntropyWeight > 0)
        {
            Tensor? weight = ClassWeights is { } w ? Torch.Torch.FromArray(w.ToArray(), w.Count).To(logits.Device) : null;
            total = total.Add(Functional.CrossEntropy(logits, target, weight), CrossEntropyWeight);
        }

        if (DiceWeight > 0)
        {
            total = total.Add(Functional.SoftDiceLoss(logits, target), DiceWeight);
        }

        return total.MoveToOuterScope();
    }
}
