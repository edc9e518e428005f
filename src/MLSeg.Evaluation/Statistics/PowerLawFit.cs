namespace MLSeg.Evaluation.Statistics;

/// <summary>
/// Learning-curve model 1 − Dice = a·n^(−b), fitted by ordinary least squares of log(1 − Dice) on log n.
/// </summary>
/// <param name="A">Scale a (&gt; 0).</param>
/// <param name="B">Decay exponent b (&gt; 0 when Dice improves with n).</param>
public readonly record struct PowerLawFit(double A, double B)
{
    /// <summary>Fits the model to (n, Dice) points; needs two distinct n and every Dice &lt; 1.</summary>
    public static PowerLawFit Fit(ReadOnlySpan<double> n, ReadOnlySpan<double> dice)
    {
        if (n.Length != dice.Length || n.Length < 2)
        {
            throw new ArgumentException($"Need at least 2 paired (n, Dice) points; got {n.Length} n and {dice.Length} Dice.", nameof(dice));
        }

        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < n.Length; i++)
        {
            if (!(n[i] > 0) || !(dice[i] < 1) || !double.IsFinite(dice[i]))
            {
                throw new ArgumentOutOfRangeException(nameof(dice), $"Point {i} (n={n[i]}, Dice={dice[i]}) is outside the model's domain n > 0, Dice < 1.");
            }

            double x = Math.Log(n[i]);
            double y = Math.Log(1 - dice[i]);
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
        }

        int m = n.Length;
        double denominator = (m * sxx) - (sx * sx);
        if (denominator <= 0)
        {
            throw new ArgumentException("All n are equal; a power law needs at least two distinct training sizes.", nameof(n));
        }

        double slope = ((m * sxy) - (sx * sy)) / denominator;
        double intercept = (sy - (slope * sx)) / m;
        return new PowerLawFit(Math.Exp(intercept), -slope);
    }

    /// <summary>Predicted Dice at training size <paramref name="n"/>.</summary>
    public double PredictDice(double n) => 1 - (A * Math.Pow(n, -B));

    /// <summary>Training size at which the fitted curve reaches <paramref name="dice"/>; null when it never does (b ≤ 0).</summary>
    public double? SizeForDice(double dice)
    {
        if (!(dice < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(dice), $"Target Dice must be < 1; got {dice}.");
        }

        return B > 0 ? Math.Pow(A / (1 - dice), 1 / B) : null;
    }
}
