using System.Text.Json;
using System.Text.RegularExpressions;
using MLSeg.TestKit;

namespace MLSeg.Cli.Tests;

/// <summary><c>mlseg run --jobs N</c>: parallel arms give the same results, name their arms in plain logs, and fail cleanly.</summary>
public partial class RunJobsTests
{
    [GeneratedRegex(@"^\[\d+/\d+\] [a-z]+__n\d+__fold\d+__seed\d+__[0-9a-f]{8} ")]
    private static partial Regex ArmLine();

    [NativeFact]
    public void Run_TwoJobs_ResultsEqualOneJobByteForByte()
    {
        string dir = RepoPaths.NewTempDir();
        try
        {
            string spec = Path.Combine(dir, "tiny.yaml");
            File.WriteAllText(spec, RunResumeTests.TinySpec);
            var (code1, out1, err1) = CliProcess.Run("run", spec, "--out", Path.Combine(dir, "j1"), "--no-report", "--jobs", "1");
            Assert.True(code1 == 0, err1 + out1);
            var (code2, out2, err2) = CliProcess.Run("run", spec, "--out", Path.Combine(dir, "j2"), "--no-report", "--jobs", "2");
            Assert.True(code2 == 0, err2 + out2);

            Assert.Contains("8 arm(s) run, 0 already finished", out2, StringComparison.Ordinal);
            Assert.Equal(File.ReadAllBytes(Path.Combine(dir, "j1", "results.csv")), File.ReadAllBytes(Path.Combine(dir, "j2", "results.csv")));

            // Redirected output is plain: every line of an arm's event names the arm, so interleaved arms stay readable.
            string[] lines = out2.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            string[] armLines = lines.Where(l => l.Contains(" epoch ", StringComparison.Ordinal) || l.Contains(" started", StringComparison.Ordinal) || l.Contains(" done in ", StringComparison.Ordinal)).ToArray();
            Assert.Equal(8 * 2, armLines.Count(l => l.Contains(" started", StringComparison.Ordinal) || l.Contains(" done in ", StringComparison.Ordinal)));
            Assert.All(armLines, l => Assert.Matches(ArmLine(), l));

            int threads = Environment.ProcessorCount;
            foreach (string manifest in Directory.EnumerateFiles(Path.Combine(dir, "j2", "arms"), "manifest.json", SearchOption.AllDirectories))
            {
                using var doc = JsonDocument.Parse(File.ReadAllText(manifest));
                Assert.Equal(2, doc.RootElement.GetProperty("jobs").GetInt32());
                int expected = Environment.GetEnvironmentVariable("MLSEG_NUM_THREADS") is { } env && int.TryParse(env, out int n) && n > 0 ? n : threads;
                Assert.Equal(Math.Max(1, expected / 2), doc.RootElement.GetProperty("threadsPerArm").GetInt32());
            }
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [NativeFact]
    public void Run_TwoJobsOneSourceFails_KeepsOnlyFinishedArmsDoneAndResumes()
    {
        string dir = RepoPaths.NewTempDir();
        try
        {
            // The import source's weights file does not exist yet, so its arms fail inside the run (after planning).
            string weights = Path.Combine(dir, "encoder.safetensors");
            string spec = Path.Combine(dir, "failing.yaml");
            File.WriteAllText(spec, RunResumeTests.TinySpec
                .Replace("sizes: [2, 3]", "sizes: [2]", StringComparison.Ordinal)
                .Replace("  - name: none\n", $"  - name: none\n  - name: import\n    file: {weights}\n", StringComparison.Ordinal));
            string run = Path.Combine(dir, "run");
            var (code, stdout, stderr) = CliProcess.Run("run", spec, "--out", run, "--no-report", "--jobs", "2");

            Assert.True(code == 1, $"exit {code}: {stderr}{stdout}");
            Assert.Matches(@"mlseg: arm import__n2__fold\d__seed0__[0-9a-f]{8} failed: .*encoder\.safetensors", stderr);
            Assert.False(File.Exists(Path.Combine(run, "results.csv")), "a failed run must not aggregate");
            var done = DoneArms(run);
            Assert.DoesNotContain(done, a => a.StartsWith("import__", StringComparison.Ordinal));
            foreach (string arm in done)
            {
                // Whatever was marked done is complete.
                Assert.True(File.Exists(Path.Combine(run, "arms", arm, "results.part.csv")), arm);
                Assert.True(File.Exists(Path.Combine(run, "arms", arm, "checkpoint.safetensors")), arm);
            }

            // Supply the import weights — the autoencoder source's cached encoder, from an autoencoder arm that finished
            // (running those arms alone first when the failure stopped the run before them) — and resume.
            string? cached = done.Select(a => JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "arms", a, "manifest.json"))).RootElement)
                .Select(m => m.GetProperty("pretrainedWeights").GetString()).FirstOrDefault(p => p is not null);
            if (cached is null)
            {
                var (c0, o0, e0) = CliProcess.Run("run", spec, "--out", run, "--no-report", "--only", "autoencoder");
                Assert.True(c0 == 0, e0 + o0);
                done = DoneArms(run);
                cached = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "arms", done.First(a => a.StartsWith("autoencoder__", StringComparison.Ordinal)), "manifest.json")))
                    .RootElement.GetProperty("pretrainedWeights").GetString();
            }

            File.Copy(cached!, weights);
            var (code2, stdout2, stderr2) = CliProcess.Run("run", spec, "--out", run, "--no-report", "--jobs", "2");
            Assert.True(code2 == 0, stderr2 + stdout2);
            Assert.Contains($"{6 - done.Count} arm(s) run, {done.Count} already finished", stdout2, StringComparison.Ordinal);
            Assert.Equal(6, DoneArms(run).Count);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Theory]
    [InlineData("--jobs", "0", "--jobs must be a number ≥ 1 (arms run at once) or auto; got '0'")]
    [InlineData("--jobs", "-2", "--jobs must be a number ≥ 1 (arms run at once) or auto; got '-2'")]
    [InlineData("--jobs", "many", "--jobs must be a number ≥ 1 (arms run at once) or auto; got 'many'")]
    [InlineData("--arms-per-task", "2", "--arms-per-task applies only with --executor slurm")]
    [InlineData("--threads-per-arm", "0", "--threads-per-arm must be at least 1; got 0")]
    [InlineData("--progress", "fancy", "--progress 'fancy' is not known")]
    public void Run_BadJobsOrProgress_IsUsageError(string option, string value, string message)
    {
        string dir = RepoPaths.NewTempDir();
        try
        {
            string spec = Path.Combine(dir, "tiny.yaml");
            File.WriteAllText(spec, RunResumeTests.TinySpec);
            var (code, stdout, stderr) = CliProcess.Run("run", spec, "--out", Path.Combine(dir, "run"), option, value);
            Assert.True(code == 2, $"exit {code}: {stderr}{stdout}");
            Assert.Contains(message, stderr, StringComparison.Ordinal);
            Assert.False(Directory.Exists(Path.Combine(dir, "run")), "a usage error must not start the run");
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Run_ZeroArmsPerTask_IsUsageError()
    {
        var (code, _, stderr) = CliProcess.Run("run", Path.Combine(RepoPaths.Root, "pipelines", "smoke.yaml"), "--executor", "slurm", "--arms-per-task", "0");
        Assert.Equal(2, code);
        Assert.Contains("--arms-per-task must be at least 1; got 0", stderr, StringComparison.Ordinal);
    }

    [NativeFact]
    public void Run_JobsAutoOnCpu_SaysWhatItChoseAndRecordsPhases()
    {
        string dir = RepoPaths.NewTempDir();
        try
        {
            string spec = Path.Combine(dir, "tiny.yaml");
            File.WriteAllText(spec, RunResumeTests.TinySpec);
            string run = Path.Combine(dir, "run");
            var (code, stdout, stderr) = CliProcess.Run("run", spec, "--out", run, "--no-report", "--jobs", "auto", "--only", "none__n2__fold0", "--cache", Path.Combine(dir, "cache"));
            Assert.True(code == 0, stderr + stdout);
            // One pending arm: auto never runs more arms than are pending.
            Assert.Matches(@"--jobs auto: 1 arm\(s\) at once \(\d+ compute slot\(s\), [0-9.]+ GiB free × 0\.8 / [0-9.]+ GiB per arm = \d+ arm\(s\) by memory, 1 pending; limited by pending arms\)", stdout);
            Assert.True(Directory.Exists(Path.Combine(dir, "cache", "preprocessed")), "--cache holds the preprocessed images");

            using var doc = JsonDocument.Parse(File.ReadAllText(Directory.EnumerateFiles(Path.Combine(run, "arms"), "manifest.json", SearchOption.AllDirectories).Single()));
            JsonElement m = doc.RootElement;
            Assert.Equal(1, m.GetProperty("jobs").GetInt32());
            Assert.Contains("limited by pending arms", m.GetProperty("jobsAuto").GetString(), StringComparison.Ordinal);
            JsonElement phases = m.GetProperty("phaseSeconds");
            double total = phases.GetProperty("total").GetDouble();
            double parts = phases.GetProperty("untilFirstStep").GetDouble() + phases.GetProperty("training").GetDouble() + phases.GetProperty("afterTraining").GetDouble();
            Assert.InRange(parts, total - 0.01, total + 0.01);   // the three spans tile the arm
            Assert.False(phases.TryGetProperty("pretraining", out _), "a none arm pretrains nothing");
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    private static List<string> DoneArms(string run) =>
        Directory.Exists(Path.Combine(run, "arms"))
            ? Directory.EnumerateFiles(Path.Combine(run, "arms"), "manifest.json", SearchOption.AllDirectories)
                .Select(f => Path.GetFileName(Path.GetDirectoryName(f)!)!).Order(StringComparer.Ordinal).ToList()
            : [];
}
