namespace MLSeg.Evaluation.Metrics;

/// <summary>What Dice is for a label that neither the truth nor the prediction of an image contains.</summary>
public enum BothEmptyDice
{
    /// <summary>Dice 1: both agree the structure is absent (the 7T cardiac study's rule; the default).</summary>
    One,

    /// <summary>Dice is undefined (0/0): recorded as missing (null) and counted as such by the accumulators.</summary>
    Missing,
}
