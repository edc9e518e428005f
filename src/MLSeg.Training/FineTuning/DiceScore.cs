namespace MLSeg.Training.FineTuning;

/// <summary>Hard Dice used for validation and early stopping.</summary>
public static class DiceScore
{
    /// <summary>
    /// Mean over foreground classes 1..K−1 of 2|P∩G| / (|P| + |G|) for one image; a class absent from both prediction
    /// and truth scores 1.
    /// </summary>
    public static double MeanForeground(ReadOnlySpan<long> predicted, ReadOnlySpan<byte> truth, int numClasses)
    {
        if (predicted.Length != truth.Length)
        {
            throw new ArgumentException($"Prediction has {predicted.Length} pixels, truth {truth.Length}.", nameof(truth));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(numClasses, 2);
        Span<long> inter = stackalloc long[numClasses];
        Span<long> pred = stackalloc long[numClasses];
        Span<long> real = stackalloc long[numClasses];
        for (int i = 0; i < predicted.Length; i++)
        {
            int p = (int)predicted[i];
            int g = truth[i];
            if ((uint)p < (uint)numClasses)
            {
                pred[p]++;
            }

            if (g < numClasses)
            {
                real[g]++;
            }

            if (p == g && g < numClasses)
            {
                inter[g]++;
            }
        }

        double sum = 0;
        for (int c = 1; c < numClasses; c++)
        {
            long denom = pred[c] + real[c];
            sum += denom == 0 ? 1 : 2.0 * inter[c] / denom;
        }

        return sum / (numClasses - 1);
    }
}
