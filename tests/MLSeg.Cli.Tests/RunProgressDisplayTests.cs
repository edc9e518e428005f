using MLSeg.Cli.Progress;
using MLSeg.Experiments.Running;
using MLSeg.Training.FineTuning;
using Spectre.Console;

namespace MLSeg.Cli.Tests;

public class RunProgressDisplayTests
{
    private const string ArmA = "none__n2__fold0__seed0__3a6a2586";
    private const string ArmB = "autoencoder__n3__fold1__seed0__d59119d3";
    private const string ArmC = "none__n3__fold1__seed0__50656b71";

    private static (IAnsiConsole Console, StringWriter Text) Plain()
    {
        var text = new StringWriter();
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(text),
        });
        console.Profile.Width = 160;
        return (console, text);
    }

    // 8 arms, 2 at a time: one skipped, C finished in 40 s, A and B running.
    private static IEnumerable<RunProgress> Events() =>
    [
        new RunProgress(0, 8, null, "preparing cohort") { Jobs = 2 },
        new RunProgress(1, 8, "old", "already finished, skipped") { Kind = RunProgressKind.ArmSkipped, Jobs = 2 },
        new RunProgress(1, 8, ArmC, "started") { Kind = RunProgressKind.ArmStarted, Jobs = 2 },
        new RunProgress(1, 8, ArmA, "started") { Kind = RunProgressKind.ArmStarted, Jobs = 2 },
        new RunProgress(2, 8, ArmC, "done in 40.0 s") { Kind = RunProgressKind.ArmFinished, ArmWallTime = TimeSpan.FromSeconds(40), Jobs = 2 },
        new RunProgress(2, 8, ArmB, "started") { Kind = RunProgressKind.ArmStarted, Jobs = 2 },
        new RunProgress(2, 8, ArmA, "train", new TrainingProgress("train", 2, 5, 3, 3, 0.4321, 0.789, true)) { Jobs = 2 },
        new RunProgress(2, 8, ArmA, "train", new TrainingProgress("train", 3, 5, 1, 3, 0.5, null, false)) { Jobs = 2 },
        new RunProgress(2, 8, ArmB, "autoencoder", new TrainingProgress("autoencoder", 1, 2, 1, 4, 0.9876, null, false)) { Jobs = 2 },
    ];

    [Fact]
    public void Render_AfterEvents_ShowsDoneOfTotalEtaAndOneRowPerRunningArm()
    {
        var display = new LiveRunProgress();
        foreach (RunProgress e in Events())
        {
            display.Report(e);
        }

        var (console, text) = Plain();
        console.Write(display.Render());
        string output = text.ToString();

        Assert.Contains("arms 2/8", output, StringComparison.Ordinal);
        Assert.Contains("25%", output, StringComparison.Ordinal);
        // 6 arms left × 40 s mean / 2 at once = 120 s.
        Assert.Contains("ETA 0:02:00", output, StringComparison.Ordinal);
        Assert.Contains("2 running, jobs 2, 1 skipped", output, StringComparison.Ordinal);
        string rowA = Assert.Single(output.Split('\n'), l => l.Contains(ArmA, StringComparison.Ordinal));
        Assert.Contains("train", rowA, StringComparison.Ordinal);
        Assert.Contains("3/5", rowA, StringComparison.Ordinal); // the latest step's epoch
        Assert.Contains("0.5000", rowA, StringComparison.Ordinal); // the latest loss
        Assert.Contains("0.789", rowA, StringComparison.Ordinal); // the last epoch's validation Dice
        string rowB = Assert.Single(output.Split('\n'), l => l.Contains(ArmB, StringComparison.Ordinal));
        Assert.Contains("autoencoder", rowB, StringComparison.Ordinal);
        Assert.Contains("1/2", rowB, StringComparison.Ordinal);
        Assert.DoesNotContain(ArmC, output, StringComparison.Ordinal); // finished arms leave the table
    }

    [Fact]
    public void Render_NothingFinishedYet_ShowsNoEta()
    {
        var display = new LiveRunProgress();
        display.Report(new RunProgress(0, 3, ArmA, "started") { Kind = RunProgressKind.ArmStarted });
        var (console, text) = Plain();
        console.Write(display.Render());
        Assert.Contains("arms 0/3", text.ToString(), StringComparison.Ordinal);
        Assert.Contains("ETA --:--:--", text.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Show_ReportsFromTwoThreads_FinalViewCountsEveryArm()
    {
        var (console, text) = Plain();
        int result = LiveRunProgress.Show(console, progress =>
        {
            var threads = new[] { ArmA, ArmB }.Select((arm, k) => new Thread(() =>
            {
                progress.Report(new RunProgress(0, 2, arm, "started") { Kind = RunProgressKind.ArmStarted, Jobs = 2 });
                for (int epoch = 1; epoch <= 50; epoch++)
                {
                    progress.Report(new RunProgress(k, 2, arm, "train", new TrainingProgress("train", epoch, 50, 1, 1, 1.0 / epoch, 0.5, true)) { Jobs = 2 });
                }

                progress.Report(new RunProgress(k + 1, 2, arm, "done") { Kind = RunProgressKind.ArmFinished, ArmWallTime = TimeSpan.FromSeconds(1), Jobs = 2 });
            })).ToList();
            threads.ForEach(t => t.Start());
            threads.ForEach(t => t.Join());
            return 7;
        });

        Assert.Equal(7, result);
        Assert.Contains("arms 2/2", text.ToString(), StringComparison.Ordinal);
        Assert.Contains("100%", text.ToString(), StringComparison.Ordinal);
    }

    public static TheoryData<RunProgress, string?> Lines => new()
    {
        { new RunProgress(0, 8, null, "preparing cohort (x)"), "[0/8] preparing cohort (x)" },
        { new RunProgress(1, 8, ArmA, "started") { Kind = RunProgressKind.ArmStarted }, $"[1/8] {ArmA} started" },
        { new RunProgress(1, 8, ArmA, "train", new TrainingProgress("train", 2, 5, 3, 3, 0.4321, 0.789, true)), $"[1/8] {ArmA} train epoch 2/5 loss=0.4321 val_dice=0.789" },
        { new RunProgress(1, 8, ArmB, "autoencoder", new TrainingProgress("autoencoder", 1, 2, 4, 4, 0.9876, null, true)), $"[1/8] {ArmB} autoencoder epoch 1/2 loss=0.9876" },
        { new RunProgress(1, 8, ArmA, "train", new TrainingProgress("train", 2, 5, 1, 3, 0.5, null, false)), null },
        { new RunProgress(2, 8, ArmA, "done in 4.0 s") { Kind = RunProgressKind.ArmFinished }, $"[2/8] {ArmA} done in 4.0 s" },
    };

    [Theory]
    [MemberData(nameof(Lines))]
    public void Format_Event_OneLineNamingItsArm(RunProgress value, string? expected) =>
        Assert.Equal(expected, LineRunProgress.Format(value));
}
