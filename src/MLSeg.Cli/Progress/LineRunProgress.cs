using System.Globalization;
using MLSeg.Experiments.Running;

namespace MLSeg.Cli.Progress;

/// <summary>
/// Plain progress for logs (CI, Slurm, a redirected terminal): one line per arm start, finish, skip or failure and per
/// finished epoch, each naming its arm, so the lines of arms running at once (<c>--jobs</c>) stay readable. Safe to
/// call from several threads: every event is one <see cref="TextWriter.WriteLine(string)"/> on a synchronised writer.
/// </summary>
public sealed class LineRunProgress : IProgress<RunProgress>
{
    private readonly TextWriter output;

    /// <summary>Writes to <paramref name="output"/> (wrapped in a synchronised writer).</summary>
    public LineRunProgress(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        this.output = TextWriter.Synchronized(output);
    }

    /// <summary>The line for <paramref name="value"/>, or null for events that print nothing (optimizer steps).</summary>
    public static string? Format(RunProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        string prefix = string.Create(CultureInfo.InvariantCulture, $"[{value.ArmsDone}/{value.ArmsTotal}]");
        if (value.Training is { } t)
        {
            if (!t.EndOfEpoch)
            {
                return null;
            }

            string dice = t.ValDice is { } d ? string.Create(CultureInfo.InvariantCulture, $" val_dice={d:F3}") : string.Empty;
            return string.Create(CultureInfo.InvariantCulture, $"{prefix} {value.ArmName} {t.Phase} epoch {t.Epoch}/{t.TotalEpochs} loss={t.Loss:F4}{dice}");
        }

        return value.ArmName is null ? $"{prefix} {value.Message}" : $"{prefix} {value.ArmName} {value.Message}";
    }

    /// <inheritdoc />
    public void Report(RunProgress value)
    {
        if (Format(value) is { } line)
        {
            output.WriteLine(line);
        }
    }
}
