using MLSeg.Core.Randomness;

namespace MLSeg.Evaluation.Statistics;

/// <summary>
/// Percentile bootstrap of the mean over independent units (patients): units are resampled with replacement, so
/// images of one patient never split across resamples. Seeded explicitly; the same seed gives the same interval.
/// </summary>
public static class Bootstrap
{
    /// <summary>Default number of resamples.</summary>
    public const int DefaultResamples = 2000;

    /// <summary>
    /// CI of the mean of <paramref name="perPatient"/> (one value per patient) from <paramref name="resamples"/>
    /// resamples drawn from <paramref name="seed"/>; bounds are the linear-interpolated (1 ± level)/2 percentiles.
    /// </summary>
    public static ConfidenceInterval MeanInterval(ReadOnlySpan<double> perPatient, SeedSource seed, int resamples = DefaultResamples, double level = 0.95)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(resamples, 2);
        if (!(level > 0 && level < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(level), $"Confidence level must lie in (0, 1); got {level}.");
        }

        double estimate = Descriptive.Mean(perPatient);
        Random rng = seed.CreateRandom();
        int n = perPatient.Length;
        var means = new double[resamples];
        for (int b = 0; b < resamples; b++)
        {
            double sum = 0;
            for (int i = 0; i < n; i++)
            {
                sum += perPatient[rng.Next(n)];
            }

            means[b] = sum / n;
        }

        Array.Sort(means);
        double alpha = (1 - level) / 2;
        return new ConfidenceInterval(
            estimate,
            Descriptive.PercentileOfSorted(means, 100 * alpha),
            Descriptive.PercentileOfSorted(means, 100 * (1 - alpha)),
            level);
    }
}
