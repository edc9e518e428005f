using System.Diagnostics;
using System.Globalization;
using MLSeg.Experiments.Running;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace MLSeg.Cli.Progress;

/// <summary>
/// The terminal's live view of a grid run (Spectre.Console): one overall line "arms done/total" with a bar and an ETA,
/// and one row per running arm with its folder name, phase, epoch e/E, latest loss and validation Dice. The ETA is the
/// mean wall time of the arms finished in this run times the arms left, divided by the arms run at once. Events may
/// arrive from several arm threads; state changes and redraws are serialised by one lock, and step events redraw at
/// most every 100 ms.
/// </summary>
public sealed class LiveRunProgress : IProgress<RunProgress>
{
    private const int BarWidth = 30;
    private static readonly TimeSpan RedrawInterval = TimeSpan.FromMilliseconds(100);

    private readonly Lock gate = new();
    private readonly List<ArmRow> running = [];
    private readonly Stopwatch sinceRedraw = Stopwatch.StartNew();
    private Action<IRenderable>? redraw;
    private int done, total, skipped, failed, finishedNow, jobs = 1;
    private TimeSpan finishedWall;

    /// <summary>Runs <paramref name="body"/> with a live display on <paramref name="console"/> that <paramref name="body"/> reports to.</summary>
    public static T Show<T>(IAnsiConsole console, Func<IProgress<RunProgress>, T> body)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(body);
        var display = new LiveRunProgress();
        return console.Live(display.Render()).AutoClear(false).Overflow(VerticalOverflow.Ellipsis).Start(context =>
        {
            lock (display.gate)
            {
                display.redraw = context.UpdateTarget;
            }

            try
            {
                return body(display);
            }
            finally
            {
                lock (display.gate)
                {
                    display.redraw = null;
                    context.UpdateTarget(display.Render());
                }
            }
        });
    }

    /// <inheritdoc />
    public void Report(RunProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        lock (gate)
        {
            Apply(value);
            bool step = value.Training is { EndOfEpoch: false };
            if (redraw is not null && (!step || sinceRedraw.Elapsed >= RedrawInterval))
            {
                redraw(Render());
                sinceRedraw.Restart();
            }
        }
    }

    /// <summary>The display for the events reported so far.</summary>
    public IRenderable Render()
    {
        lock (gate)
        {
            double fraction = total == 0 ? 0 : (double)done / total;
            int filled = (int)Math.Round(fraction * BarWidth);
            string eta = finishedNow == 0 ? "--:--:--" : FormatDuration(finishedWall / finishedNow * Math.Max(0, total - done) / Math.Max(1, jobs));
            string extra = (skipped > 0 ? $", {skipped} skipped" : string.Empty) + (failed > 0 ? $", {failed} failed" : string.Empty);
            var lines = new List<IRenderable>
            {
                new Markup(string.Create(CultureInfo.InvariantCulture,
                    $"[bold]arms {done}/{total}[/] [green]{new string('━', filled)}[/][grey]{new string('━', BarWidth - filled)}[/] {fraction * 100,3:F0}%  ETA {eta}  ({running.Count} running, jobs {jobs}{Markup.Escape(extra)})")),
            };
            if (running.Count > 0)
            {
                var table = new Table().Border(TableBorder.Simple)
                    .AddColumn("arm").AddColumn("phase").AddColumn(new TableColumn("epoch").RightAligned())
                    .AddColumn(new TableColumn("loss").RightAligned()).AddColumn(new TableColumn("val Dice").RightAligned());
                foreach (ArmRow row in running)
                {
                    table.AddRow(new Text(row.Name), new Text(row.Phase),
                        new Text(row.TotalEpochs > 0 ? string.Create(CultureInfo.InvariantCulture, $"{row.Epoch}/{row.TotalEpochs}") : "-"),
                        new Text(row.Loss is { } l ? l.ToString("F4", CultureInfo.InvariantCulture) : "-"),
                        new Text(row.ValDice is { } d ? d.ToString("F3", CultureInfo.InvariantCulture) : "-"));
                }

                lines.Add(table);
            }

            return new Rows(lines);
        }
    }

    private void Apply(RunProgress value)
    {
        total = value.ArmsTotal;
        done = Math.Max(done, value.ArmsDone);
        jobs = value.Jobs;
        ArmRow? row = value.ArmName is null ? null : running.Find(r => r.Name == value.ArmName);
        switch (value.Kind)
        {
            case RunProgressKind.ArmSkipped:
                skipped++;
                break;
            case RunProgressKind.ArmStarted when row is null:
                running.Add(new ArmRow(value.ArmName!) { Phase = "starting" });
                break;
            case RunProgressKind.Training when value.Training is { } t:
                row ??= Add(value.ArmName!);
                row.Phase = t.Phase;
                row.Epoch = t.Epoch;
                row.TotalEpochs = t.TotalEpochs;
                if (!double.IsNaN(t.Loss))
                {
                    row.Loss = t.Loss; // a CUDA step's loss is NaN: the trainer reads losses back once per epoch there
                }

                if (t.EndOfEpoch)
                {
                    row.ValDice = t.ValDice;
                }

                break;
            case RunProgressKind.ArmFinished:
                finishedNow++;
                finishedWall += value.ArmWallTime ?? TimeSpan.Zero;
                running.RemoveAll(r => r.Name == value.ArmName);
                break;
            case RunProgressKind.ArmFailed:
                failed++;
                running.RemoveAll(r => r.Name == value.ArmName);
                break;
            default:
                break;
        }
    }

    private ArmRow Add(string name)
    {
        var row = new ArmRow(name);
        running.Add(row);
        return row;
    }

    private static string FormatDuration(TimeSpan t) =>
        string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalHours}:{t.Minutes:D2}:{t.Seconds:D2}");

    private sealed class ArmRow(string name)
    {
        public string Name { get; } = name;

        public string Phase { get; set; } = string.Empty;

        public int Epoch { get; set; }

        public int TotalEpochs { get; set; }

        public double? Loss { get; set; }

        public double? ValDice { get; set; }
    }
}
