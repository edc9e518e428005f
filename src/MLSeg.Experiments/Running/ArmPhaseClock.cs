using System.Diagnostics;
using System.Text.Json.Nodes;
using MLSeg.Training.FineTuning;

namespace MLSeg.Experiments.Running;

/// <summary>
/// Splits an arm's wall time into phases from the trainer's own progress events, for <c>phaseSeconds</c> in the arm's
/// manifest: <c>pretraining</c> (first to last event of a pretraining this arm ran; absent when the weights were cached,
/// not needed or built by another arm), <c>untilFirstStep</c> (start to the first fine-tuning step's event: subset,
/// statistics, pretraining or waiting for it, network build, weight load, the first step), <c>training</c> (first to last
/// fine-tuning event: the epochs with their inner validation) and <c>afterTraining</c> (last fine-tuning event to the end:
/// checkpoint, held-out prediction, metrics, overlays). Events come on the arm's own thread.
/// </summary>
public sealed class ArmPhaseClock
{
    /// <summary>The phase names fine-tuning reports (<see cref="SpecMapping.Phases"/>); every other phase is a pretraining's.</summary>
    public static readonly IReadOnlySet<string> FineTunePhases = new HashSet<string>(StringComparer.Ordinal) { "train", "frozen", "unfrozen" };

    private readonly Stopwatch clock;
    private TimeSpan? firstPretrain, lastPretrain, firstFineTune, lastFineTune;

    /// <summary>Times phases against <paramref name="clock"/>, started when the arm started.</summary>
    public ArmPhaseClock(Stopwatch clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        this.clock = clock;
    }

    /// <summary>Notes one trainer event at the clock's current time.</summary>
    public void Observe(TrainingProgress progress) => Observe(progress, clock.Elapsed);

    /// <summary>Notes one trainer event at <paramref name="at"/> (since the arm started).</summary>
    public void Observe(TrainingProgress progress, TimeSpan at)
    {
        ArgumentNullException.ThrowIfNull(progress);
        if (FineTunePhases.Contains(progress.Phase))
        {
            firstFineTune ??= at;
            lastFineTune = at;
        }
        else
        {
            firstPretrain ??= at;
            lastPretrain = at;
        }
    }

    /// <summary>The phases in seconds (3 decimals) at the clock's current time.</summary>
    public JsonObject Finish() => Finish(clock.Elapsed);

    /// <summary>The phases in seconds (3 decimals), the arm having ended at <paramref name="end"/>.</summary>
    public JsonObject Finish(TimeSpan end)
    {
        var result = new JsonObject();
        if (firstPretrain is { } p0 && lastPretrain is { } p1)
        {
            result["pretraining"] = Seconds(p1 - p0);
        }

        if (firstFineTune is { } f0 && lastFineTune is { } f1)
        {
            result["untilFirstStep"] = Seconds(f0);
            result["training"] = Seconds(f1 - f0);
            result["afterTraining"] = Seconds(end - f1);
        }

        result["total"] = Seconds(end);
        return result;
    }

    private static double Seconds(TimeSpan t) => Math.Round(t.TotalSeconds, 3);
}
