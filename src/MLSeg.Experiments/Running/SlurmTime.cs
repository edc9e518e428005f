using System.Globalization;

namespace MLSeg.Experiments.Running;

/// <summary>Slurm's time-limit forms (<c>--time</c>: M, M:S, H:M:S, D-H, D-H:M, D-H:M:S; UNLIMITED/INFINITE).</summary>
public static class SlurmTime
{
    /// <summary>
    /// <paramref name="time"/> × <paramref name="factor"/>, written <c>D-HH:MM:SS</c> (or <c>HH:MM:SS</c> under a day):
    /// a task that runs several arms one after another asks for the per-arm limit that many times. UNLIMITED and
    /// INFINITE stay as they are; a factor of 1 returns the text unchanged.
    /// </summary>
    /// <exception cref="ArgumentException">The text is none of Slurm's forms; the message names it.</exception>
    public static string Scale(string time, int factor)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(factor);
        if (factor == 1 || time.Equals("UNLIMITED", StringComparison.OrdinalIgnoreCase) || time.Equals("INFINITE", StringComparison.OrdinalIgnoreCase))
        {
            return time;
        }

        long seconds = checked(Parse(time) * factor);
        long days = seconds / 86400, rest = seconds % 86400;
        string clock = string.Create(CultureInfo.InvariantCulture, $"{rest / 3600:00}:{rest / 60 % 60:00}:{rest % 60:00}");
        return days > 0 ? string.Create(CultureInfo.InvariantCulture, $"{days}-{clock}") : clock;
    }

    /// <summary>Seconds in one of Slurm's forms (not UNLIMITED).</summary>
    public static long Parse(string time)
    {
        ArgumentNullException.ThrowIfNull(time);
        string error = $"Slurm time '{time}' is none of M, M:S, H:M:S, D-H, D-H:M, D-H:M:S (non-negative integers).";
        long days = 0;
        string clock = time;
        int dash = time.IndexOf('-', StringComparison.Ordinal);
        if (dash >= 0)
        {
            days = Number(time[..dash], error);
            clock = time[(dash + 1)..];
        }

        long[] parts = clock.Split(':').Select(p => Number(p, error)).ToArray();
        return (dash >= 0, parts.Length) switch
        {
            (false, 1) => parts[0] * 60,
            (false, 2) => (parts[0] * 60) + parts[1],
            (false, 3) => (parts[0] * 3600) + (parts[1] * 60) + parts[2],
            (true, 1) => (days * 86400) + (parts[0] * 3600),
            (true, 2) => (days * 86400) + (parts[0] * 3600) + (parts[1] * 60),
            (true, 3) => (days * 86400) + (parts[0] * 3600) + (parts[1] * 60) + parts[2],
            _ => throw new ArgumentException(error),
        };
    }

    private static long Number(string text, string error) =>
        text.Length > 0 && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long value) ? value : throw new ArgumentException(error);
}
