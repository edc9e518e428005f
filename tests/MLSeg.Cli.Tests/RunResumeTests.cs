using System.Diagnostics;
using System.Text.Json;
using MLSeg.TestKit;

namespace MLSeg.Cli.Tests;

public class RunResumeTests
{
    internal const string TinySpec = """
        name: tiny
        cohort:
          synth: {kind: l3-ct, patients: 6, size: 32, seed: 3, observers: 2}
        preprocessing: {window: soft-tissue, normalization: zscore, resize: 32}
        model: {architecture: unet, depth: 2, base_channels: 4, norm: batch, upsampling: transpose, classes: 2}
        sources:
          - name: none
          - name: autoencoder
            epochs: 2
            batch: 4
        sizes: [2, 3]
        subsets: [random]
        folds: {k: 2, run: [0, 1]}
        seeds: [0]
        finetune: {epochs: 3, lr: 1.0e-3, batch: 2}
        """;

    [NativeFact]
    public void Run_ThenRerun_SkipsFinishedArmsAndKeepsTheirFiles()
    {
        string dir = RepoPaths.NewTempDir();
        try
        {
            string spec = Path.Combine(dir, "tiny.yaml");
            File.WriteAllText(spec, TinySpec);
            string run = Path.Combine(dir, "run");
            var (code, stdout, stderr) = CliProcess.Run("run", spec, "--out", run);
            Assert.True(code == 0, stderr + stdout);
            Assert.Contains("8 arm(s) run, 0 already finished", stdout, StringComparison.Ordinal);

            string[] header = File.ReadLines(Path.Combine(run, "results.csv")).First().Split(',');
            Assert.Equal(["source", "n", "fold", "seed", "case", "label", "dice", "hd95", "assd", "rmsDta"], header[..10]);
            // 8 arms × 3 held-out patients per fold × 1 label
            Assert.Equal(8 * 3, File.ReadLines(Path.Combine(run, "results.csv")).Count() - 1);
            Assert.True(File.Exists(Path.Combine(run, "splits_final.json")));
            Assert.True(File.Exists(Path.Combine(run, "experiment.resolved.yaml")));
            Assert.True(File.Exists(Path.Combine(run, "human_band.json")));
            Assert.True(File.Exists(Path.Combine(run, "report", "index.html")));

            // The cohort's prepared images (6) and truth masks (6) sit in the content-hash cache for the next run.
            string preprocessed = Path.Combine(RepoPaths.Root, "artifacts", "cache", "preprocessed");
            Assert.True(Directory.Exists(preprocessed), $"{preprocessed} was not created");
            Assert.True(Directory.EnumerateFiles(preprocessed, "*.bin", SearchOption.AllDirectories).Count() >= 12, $"fewer than 12 cached images in {preprocessed}");

            // PHI-safe by default: the synthetic PatientID/PatientName (SYN-L3-0001, Synthetic^Patient0001) that the
            // cohort's DICOM headers and case ids carry appear in no report file.
            foreach (string file in Directory.EnumerateFiles(Path.Combine(run, "report"), "*", SearchOption.AllDirectories).Where(f => !f.EndsWith(".png", StringComparison.Ordinal)))
            {
                string text = File.ReadAllText(file);
                Assert.DoesNotContain("SYN-L3-", text, StringComparison.Ordinal);
                Assert.DoesNotContain("Synthetic^", text, StringComparison.Ordinal);
            }

            foreach (string manifest in Directory.EnumerateFiles(Path.Combine(run, "arms"), "manifest.json", SearchOption.AllDirectories))
            {
                using var doc = JsonDocument.Parse(File.ReadAllText(manifest));
                Assert.Equal("done", doc.RootElement.GetProperty("status").GetString());
                Assert.Equal("local", doc.RootElement.GetProperty("executor").GetString());
                // Every arm ran as an ML.NET estimator chain, recorded step by step.
                Assert.Equal("ml.net-estimator-chain", doc.RootElement.GetProperty("armExecutor").GetString());
                string[] components = [.. doc.RootElement.GetProperty("chain").EnumerateArray().Select(s => s.GetProperty("component").GetString()!)];
                Assert.Contains(components, c => c.StartsWith("ml.Transforms.NormalizeIntensity", StringComparison.Ordinal));
                Assert.Contains(components, c => c.StartsWith("ml.Segmentation().Trainers.UNet", StringComparison.Ordinal));
                Assert.Contains(components, c => c.StartsWith("ml.Segmentation().Evaluate", StringComparison.Ordinal));
                Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(manifest)!, "train_log.csv")));
                Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(manifest)!, "validation", "summary.json")));
                Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(manifest)!, "overlays", "1-best.png")));
                Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(manifest)!, "checkpoint.safetensors")));
            }

            var before = Snapshot(Path.Combine(run, "arms"));
            var (code2, stdout2, _) = CliProcess.Run("run", spec, "--out", run);
            Assert.Equal(0, code2);
            Assert.Contains("0 arm(s) run, 8 already finished", stdout2, StringComparison.Ordinal);
            Assert.Equal(before, Snapshot(Path.Combine(run, "arms")));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [NativeFact]
    public void Run_KilledMidGrid_ResumesWithoutCorruptOrRepeatedArms()
    {
        string dir = RepoPaths.NewTempDir();
        try
        {
            string spec = Path.Combine(dir, "tiny.yaml");
            File.WriteAllText(spec, TinySpec.Replace("epochs: 3", "epochs: 6", StringComparison.Ordinal));
            string run = Path.Combine(dir, "run");
            var psi = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (string a in new[] { Path.Combine(AppContext.BaseDirectory, "MLSeg.Cli.dll"), "run", spec, "--out", run, "--no-report" })
            {
                psi.ArgumentList.Add(a);
            }

            using (var p = Process.Start(psi)!)
            {
                var deadline = DateTime.UtcNow.AddMinutes(5);
                while (DateTime.UtcNow < deadline && !p.HasExited && CountDone(run) < 2)
                {
                    Thread.Sleep(50);
                }

                Assert.False(p.HasExited, "the run finished before it could be killed; make the spec larger");
                p.Kill(entireProcessTree: true); // SIGKILL: no cleanup runs
                p.WaitForExit();
            }

            int doneBefore = CountDone(run);
            Assert.InRange(doneBefore, 2, 7);
            var finished = Snapshot(Path.Combine(run, "arms"), onlyFinished: true);

            var (code, stdout, stderr) = CliProcess.Run("run", spec, "--out", run, "--no-report");
            Assert.True(code == 0, stderr + stdout);
            Assert.Contains($"{8 - doneBefore} arm(s) run, {doneBefore} already finished", stdout, StringComparison.Ordinal);
            Assert.Equal(8, CountDone(run));
            Assert.Empty(Directory.EnumerateFiles(run, "*.tmp", SearchOption.AllDirectories));
            var after = Snapshot(Path.Combine(run, "arms"), onlyFinished: true);
            foreach (var (file, stamp) in finished)
            {
                Assert.Equal(stamp, after[file]); // arms finished before the kill were not touched
            }
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [NativeFact]
    public void Run_ForceWithChangedSpec_RunsOnlyAffectedArmsAndAggregatesOnlyTheCurrentPlan()
    {
        string dir = RepoPaths.NewTempDir();
        try
        {
            string spec = Path.Combine(dir, "tiny.yaml");
            File.WriteAllText(spec, TinySpec);
            string run = Path.Combine(dir, "run");
            var (code, stdout, stderr) = CliProcess.Run("run", spec, "--out", run, "--only", "none__");
            Assert.True(code == 0, stderr + stdout);
            Assert.Contains("4 arm(s) run, 0 already finished", stdout, StringComparison.Ordinal);

            // Dropping size 3 keeps the n=2 arms' ids: they are reused, nothing runs, and the n=3 folders are named
            // as stale and left out of results.csv and the report.
            string smaller = Path.Combine(dir, "smaller.yaml");
            File.WriteAllText(smaller, TinySpec.Replace("sizes: [2, 3]", "sizes: [2]", StringComparison.Ordinal));
            var (refused, _, refusal) = CliProcess.Run("run", smaller, "--out", run, "--only", "none__");
            Assert.Equal(1, refused);
            Assert.Contains("--force", refusal, StringComparison.Ordinal);
            (code, stdout, stderr) = CliProcess.Run("run", smaller, "--out", run, "--only", "none__", "--force");
            Assert.True(code == 0, stderr + stdout);
            Assert.Contains("0 arm(s) run, 2 already finished", stdout, StringComparison.Ordinal);
            Assert.Contains("2 arm folder(s)", stdout, StringComparison.Ordinal);
            Assert.Contains("none__n3__fold0", stdout, StringComparison.Ordinal);
            var rows = File.ReadLines(Path.Combine(run, "results.csv")).Skip(1).ToList();
            Assert.Equal(2 * 3, rows.Count); // 2 arms × 3 held-out patients, no n=3 row
            Assert.All(rows, r => Assert.StartsWith("none,2,", r, StringComparison.Ordinal));
            Assert.Equal(4, Directory.GetDirectories(Path.Combine(run, "arms")).Length); // stale folders left in place
            string index = File.ReadAllText(Path.Combine(run, "report", "index.html"));
            Assert.Contains("2 done</span>", index, StringComparison.Ordinal);
            Assert.Contains("of 4.", index, StringComparison.Ordinal); // the plan's 4 arms: 2 none (done), 2 autoencoder (not run)
            Assert.Contains("2 arm folder(s) under arms/ belong to an earlier spec", index, StringComparison.Ordinal);

            // A changed learning rate changes every arm id: the old arms' rows are never averaged in.
            string lr = Path.Combine(dir, "lr.yaml");
            File.WriteAllText(lr, TinySpec.Replace("lr: 1.0e-3", "lr: 3.0e-3", StringComparison.Ordinal).Replace("sizes: [2, 3]", "sizes: [2]", StringComparison.Ordinal));
            (code, stdout, stderr) = CliProcess.Run("run", lr, "--out", run, "--only", "none__n2__fold0", "--force");
            Assert.True(code == 0, stderr + stdout);
            Assert.Contains("1 arm(s) run, 0 already finished", stdout, StringComparison.Ordinal);
            rows = File.ReadLines(Path.Combine(run, "results.csv")).Skip(1).ToList();
            Assert.Equal(3, rows.Count);
            Assert.Single(rows.Select(r => r.Split(',')[^1]).Distinct());
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    private static int CountDone(string run) =>
        Directory.Exists(Path.Combine(run, "arms")) ? Directory.EnumerateFiles(Path.Combine(run, "arms"), "manifest.json", SearchOption.AllDirectories).Count() : 0;

    private static Dictionary<string, (long, DateTime)> Snapshot(string root, bool onlyFinished = false)
    {
        var result = new Dictionary<string, (long, DateTime)>(StringComparer.Ordinal);
        foreach (string armDir in Directory.EnumerateDirectories(root))
        {
            if (onlyFinished && !File.Exists(Path.Combine(armDir, "manifest.json")))
            {
                continue;
            }

            foreach (string f in Directory.EnumerateFiles(armDir, "*", SearchOption.AllDirectories))
            {
                var info = new FileInfo(f);
                result[Path.GetRelativePath(root, f)] = (info.Length, info.LastWriteTimeUtc);
            }
        }

        return result;
    }
}
