using System.Text.Json;
using MLSeg.TestKit;

namespace MLSeg.Cli.Tests;

public class CliTests
{
    [Fact]
    public void Help_ListsEveryVerb_AndNamesTheProgramMlseg()
    {
        var (code, stdout, _) = CliProcess.Run("--help");
        Assert.Equal(0, code);
        Assert.Contains("mlseg [command] [options]", stdout, StringComparison.Ordinal);
        foreach (string verb in new[] { "version", "metrics", "plan", "report" })
        {
            Assert.Contains(verb, stdout, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void UnknownVerb_ExitsWithUsageCode2()
    {
        var (code, _, stderr) = CliProcess.Run("frobnicate");
        Assert.Equal(2, code);
        Assert.Contains("frobnicate", stderr, StringComparison.Ordinal);
    }

    [NativeFact]
    public void Version_PrintsLibtorchAndCpuDevice()
    {
        var (code, stdout, _) = CliProcess.Run("version");
        Assert.Equal(0, code);
        Assert.Matches(@"libtorch \d+\.\d+", stdout);
        Assert.Contains("devices: cpu", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Version_OnnxRuntimeLoadedFromBesideTheCli_AndNoPackageCopyIsListed()
    {
        // MLSeg copies ONNX Runtime's linux-x64 library beside its assemblies (the CPU package here, the CUDA one in GPU
        // builds). A package's own native asset in the CLI's deps.json would be loaded in its place: that made the GPU
        // variant run the CPU library (no CUDA provider) and put every OS's binaries into the output.
        var (code, stdout, stderr) = CliProcess.Run("version");
        Assert.True(code == 0, stderr);
        Assert.Contains($"onnxruntime loaded from: {Path.Combine(AppContext.BaseDirectory, "libonnxruntime.so")}\n", stdout.ReplaceLineEndings("\n"), StringComparison.Ordinal);

        using var deps = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "MLSeg.Cli.deps.json")));
        var listed = new List<string>();
        foreach (JsonProperty target in deps.RootElement.GetProperty("targets").EnumerateObject())
        {
            foreach (JsonProperty library in target.Value.EnumerateObject())
            {
                foreach (string section in new[] { "native", "runtimeTargets" })
                {
                    if (library.Value.TryGetProperty(section, out JsonElement assets))
                    {
                        listed.AddRange(assets.EnumerateObject().Where(a => Path.GetFileName(a.Name).Contains("onnxruntime", StringComparison.OrdinalIgnoreCase))
                            .Select(a => $"{library.Name}: {a.Name}"));
                    }
                }
            }
        }

        Assert.True(listed.Count == 0, "MLSeg.Cli.deps.json lists ONNX Runtime native assets: " + string.Join("; ", listed));
    }

    [NativeFact]
    public void Version_MallocTuning_OnByDefaultOffWhenOptedOutOrTunedByUser()
    {
        var (code, stdout, stderr) = CliProcess.RunWith(new Dictionary<string, string?> { ["MLSEG_MALLOC_TUNING"] = null, ["GLIBC_TUNABLES"] = null }, "version");
        Assert.True(code == 0, stderr);
        Assert.Contains("malloc: mmap threshold 32 MiB, trim threshold 256 MiB (set by MLSeg at engine load)", stdout, StringComparison.Ordinal);
        Assert.Contains("malloc huge pages: off", stdout, StringComparison.Ordinal);

        (code, stdout, stderr) = CliProcess.RunWith(new Dictionary<string, string?> { ["MLSEG_MALLOC_TUNING"] = "0", ["GLIBC_TUNABLES"] = null }, "version");
        Assert.True(code == 0, stderr);
        Assert.Contains("malloc: glibc's thresholds", stdout, StringComparison.Ordinal);

        // A threshold the user set wins; other tunables (the launcher's huge pages, an arena limit) leave MLSeg's thresholds on.
        (code, stdout, stderr) = CliProcess.RunWith(new Dictionary<string, string?> { ["MLSEG_MALLOC_TUNING"] = null, ["GLIBC_TUNABLES"] = "glibc.malloc.arena_max=2:glibc.malloc.mmap_threshold=131072" }, "version");
        Assert.True(code == 0, stderr);
        Assert.Contains("malloc: glibc's thresholds", stdout, StringComparison.Ordinal);

        (code, stdout, stderr) = CliProcess.RunWith(new Dictionary<string, string?> { ["MLSEG_MALLOC_TUNING"] = null, ["GLIBC_TUNABLES"] = "glibc.malloc.arena_max=2:glibc.malloc.hugetlb=1" }, "version");
        Assert.True(code == 0, stderr);
        Assert.Contains("malloc: mmap threshold 8 MiB, trim threshold 32 MiB (set by MLSeg at engine load)", stdout, StringComparison.Ordinal);
        Assert.Contains("malloc huge pages: on", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Launcher_SetsMallocHugePagesUnlessOptedOutOrSet()
    {
        // The ./mlseg launcher (through tools/malloc-tunables.sh) exports glibc.malloc.hugetlb=1 (a start-up tunable) and keeps what the user set.
        static string Tunables(string? user, string? optOut)
        {
            var start = new System.Diagnostics.ProcessStartInfo("bash",
                ["-c", "grep -q '^source \"$root/tools/malloc-tunables.sh\"$' \"$0/mlseg\" && source \"$0/tools/malloc-tunables.sh\" && echo \"${GLIBC_TUNABLES:-}\"", RepoPaths.Root])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            start.Environment["GLIBC_TUNABLES"] = user;
            start.Environment["MLSEG_MALLOC_TUNING"] = optOut;
            using var process = System.Diagnostics.Process.Start(start)!;
            string output = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, process.StandardError.ReadToEnd());
            return output;
        }

        Assert.Equal("glibc.malloc.hugetlb=1", Tunables(null, null));
        Assert.Equal("glibc.malloc.arena_max=2:glibc.malloc.hugetlb=1", Tunables("glibc.malloc.arena_max=2", null));
        Assert.Equal("glibc.malloc.hugetlb=0", Tunables("glibc.malloc.hugetlb=0", null));
        Assert.Equal(string.Empty, Tunables(null, "0"));
    }

    [Fact]
    public void Plan_Json_HasIdSourceNFoldSeed()
    {
        var (code, stdout, stderr) = CliProcess.Run("plan", "pipelines/smoke.yaml", "--json");
        Assert.True(code == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        Assert.True(doc.RootElement.GetArrayLength() >= 8);
        foreach (JsonElement arm in doc.RootElement.EnumerateArray())
        {
            foreach (string key in new[] { "id", "source", "n", "fold", "seed" })
            {
                Assert.True(arm.TryGetProperty(key, out _), $"arm lacks '{key}': {arm}");
            }
        }
    }

    [Fact]
    public void Plan_MisspelledKey_NamesFileLineAndSuggestion()
    {
        string dir = RepoPaths.NewTempDir();
        try
        {
            string spec = Path.Combine(dir, "bad.yaml");
            File.WriteAllText(spec, "name: x\nfodls: 2\n");
            var (code, _, stderr) = CliProcess.Run("plan", spec);
            Assert.Equal(1, code);
            Assert.Contains("bad.yaml:2", stderr, StringComparison.Ordinal);
            Assert.Contains("did you mean 'folds'", stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal); // no stack trace
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [FixtureFact]
    public void Metrics_CardiacMasks_GivesEveryMetricPerLabel()
    {
        string truth = Fixtures.Path("cardiac-png/mask_train_example.png");
        string pred = Fixtures.Path("cardiac-png/mask_val_example_0.png");
        var (code, stdout, stderr) = CliProcess.Run("metrics", "--truth", truth, "--pred", pred, "--json");
        Assert.True(code == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        foreach (string label in new[] { "1", "2" })
        {
            JsonElement m = doc.RootElement.GetProperty(label);
            double dice = m.GetProperty("dice").GetDouble();
            Assert.InRange(dice, 0, 1);
            Assert.True(m.GetProperty("hd").GetDouble() >= m.GetProperty("hd95").GetDouble());
            Assert.True(m.GetProperty("rmsDta").GetDouble() >= m.GetProperty("assd").GetDouble()); // RMS ≥ mean
        }
    }

    [FixtureFact]
    public void Metrics_SpacingScalesDistances_AndBadSpacingIsUsageError()
    {
        string truth = Fixtures.Path("cardiac-png/mask_train_example.png");
        string pred = Fixtures.Path("cardiac-png/mask_val_example_0.png");
        var (_, unit, _) = CliProcess.Run("metrics", "--truth", truth, "--pred", pred);
        var (_, scaled, _) = CliProcess.Run("metrics", "--truth", truth, "--pred", pred, "--spacing", "2,2");
        double hdUnit = JsonDocument.Parse(unit).RootElement.GetProperty("1").GetProperty("hd").GetDouble();
        double hdScaled = JsonDocument.Parse(scaled).RootElement.GetProperty("1").GetProperty("hd").GetDouble();
        Assert.Equal(2 * hdUnit, hdScaled, 9);

        var (code, _, stderr) = CliProcess.Run("metrics", "--truth", truth, "--pred", pred, "--spacing", "1.5,-1");
        Assert.Equal(2, code);
        Assert.Contains("1.5,-1", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Metrics_MissingFile_IsFailureNamingIt()
    {
        var (code, _, stderr) = CliProcess.Run("metrics", "--truth", "/nonexistent/a.png", "--pred", "/nonexistent/b.png");
        Assert.Equal(1, code);
        Assert.Contains("/nonexistent/a.png", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Synth_SizeBelowTheGeneratorsMinimum_UsageErrorNamingTheOption_WritesNothing()
    {
        string dir = RepoPaths.NewTempDir();
        try
        {
            string outDir = Path.Combine(dir, "cohort");
            var (code, _, stderr) = CliProcess.Run("synth", "l3-ct", "--out", outDir, "--size", "4", "--patients", "2");
            Assert.Equal(2, code);
            Assert.Contains("--size", stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("(Parameter", stderr, StringComparison.Ordinal);
            Assert.False(Directory.Exists(outDir), "a refused --size must not leave an output folder");
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Plan_DeeplyNestedYaml_FailsWithSpecErrorAndCode1()
    {
        string dir = RepoPaths.NewTempDir();
        try
        {
            string spec = Path.Combine(dir, "deep.yaml");
            File.WriteAllText(spec, "name: x\nsizes: " + new string('[', 20_000) + new string(']', 20_000) + "\n");
            var (code, _, stderr) = CliProcess.Run("plan", spec);
            Assert.Equal(1, code);
            Assert.Contains("deep.yaml:2:", stderr, StringComparison.Ordinal);
            Assert.Contains("deeper than 64 levels", stderr, StringComparison.Ordinal);
            Assert.True(stderr.Split('\n').Length < 5, stderr); // one line, no trace
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [FixtureFact]
    public void DicomStats_Folder_SaysItIsAFolder()
    {
        string folder = Fixtures.Path("dicom/CT2-series");
        var (code, stdout, _) = CliProcess.Run("dicom", "stats", folder);
        Assert.Equal(1, code);
        Assert.Contains("is a folder", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("denied", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Metrics_TwoEmptyMasks_EmptyJsonAndANoteOnStderr()
    {
        string dir = RepoPaths.NewTempDir();
        try
        {
            string mask = Path.Combine(dir, "empty.png");
            MLSeg.ImageIO.Png.PngWriter.WriteLabels(mask, new MLSeg.Core.Imaging.LabelMap(8, 8, new byte[64]));
            var (code, stdout, stderr) = CliProcess.Run("metrics", "--truth", mask, "--pred", mask);
            Assert.Equal(0, code);
            Assert.Equal("{}", stdout.Trim());
            Assert.Contains("neither mask has a label", stderr, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [NativeFact]
    public void Version_NamesDotnetOnce()
    {
        var (code, stdout, _) = CliProcess.Run("version");
        Assert.Equal(0, code);
        Assert.DoesNotContain(".NET .NET", stdout, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^\.NET \d+\.\d+", stdout);
    }

    [Fact]
    public void Run_ManifestWithMissingImage_Code1NamingTheRow_RunFolderNotClaimed()
    {
        string dir = RepoPaths.NewTempDir();
        try
        {
            var (gen, _, genErr) = CliProcess.Run("synth", "l3-ct", "--out", Path.Combine(dir, "cohort"), "--size", "32", "--patients", "4");
            Assert.True(gen == 0, genErr);
            string manifest = Path.Combine(dir, "cohort", "manifest.csv");
            string[] lines = File.ReadAllLines(manifest);
            string missing = lines[2].Split(',')[1];
            File.Delete(Path.Combine(dir, "cohort", missing));
            string spec = Path.Combine(dir, "spec.yaml");
            File.WriteAllText(spec, "name: m\ncohort:\n  manifest: cohort/manifest.csv\npreprocessing: {resize: 32}\nmodel: {depth: 2, base_channels: 4}\nsources:\n  - name: none\nfolds: {k: 2}\nfinetune: {epochs: 1}\n");
            string run = Path.Combine(dir, "run");
            var (code, _, stderr) = CliProcess.Run("run", spec, "--out", run);
            Assert.Equal(1, code);
            Assert.Contains("row 3", stderr, StringComparison.Ordinal);
            Assert.Contains(missing, stderr, StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(run, "experiment.resolved.yaml")), "a run that never started must not claim the folder");
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [FixtureFact]
    public void PseudoLabel_CollidingMaskNames_Code1NamingTheRow_WritesNothing()
    {
        // A_B/ct.dcm and A/B_ct.dcm both map to masks/A_B_ct.png: refused before the model opens or a file is written.
        string dir = RepoPaths.NewTempDir();
        try
        {
            string cohort = Path.Combine(dir, "cohort");
            foreach (string rel in new[] { "A_B/ct.dcm", "A/B_ct.dcm" })
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(cohort, rel))!);
                File.Copy(Fixtures.Path("dicom/CT_small.dcm"), Path.Combine(cohort, rel));
            }

            File.WriteAllText(Path.Combine(cohort, "manifest.csv"), "patient_id,image,mask\nP1,A_B/ct.dcm,A_B/ct.dcm\nP2,A/B_ct.dcm,A/B_ct.dcm\n");
            string outDir = Path.Combine(dir, "out");
            var (code, _, stderr) = CliProcess.Run("pseudo-label", "--model", Path.Combine(dir, "missing.safetensors"), "--manifest", Path.Combine(cohort, "manifest.csv"), "--out", outDir);
            Assert.Equal(1, code);
            Assert.Contains("row 3", stderr, StringComparison.Ordinal);
            Assert.Contains("masks/A_B_ct.png", stderr, StringComparison.Ordinal);
            Assert.False(Directory.Exists(outDir), "nothing may be written when the check fails");
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [FixtureFact]
    public void Predict_MissingOrCorruptModel_Code1_NoOutputFolder()
    {
        string dir = RepoPaths.NewTempDir();
        try
        {
            string corrupt = Path.Combine(dir, "corrupt.safetensors");
            File.WriteAllBytes(corrupt, [1, 2, 3]);
            foreach (string model in new[] { Path.Combine(dir, "missing.safetensors"), corrupt })
            {
                string outDir = Path.Combine(dir, "out");
                var (code, _, stderr) = CliProcess.Run("predict", "--model", model, "--input", Fixtures.Path("dicom/CT_small.dcm"), "--out", outDir);
                Assert.True(code == 1, $"{model}: exit {code}: {stderr}");
                Assert.False(Directory.Exists(outDir), $"{model}: --out was created although the model could not be opened");
            }
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
