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

    [NativeFact]
    public void Version_MallocTuning_OnByDefaultOffWhenOptedOutOrTunedByUser()
    {
        var (code, stdout, stderr) = CliProcess.RunWith(new Dictionary<string, string?> { ["MLSEG_MALLOC_TUNING"] = null, ["GLIBC_TUNABLES"] = null }, "version");
        Assert.True(code == 0, stderr);
        Assert.Contains("malloc: mmap threshold 32 MiB, trim threshold 256 MiB (fixed by the shim)", stdout, StringComparison.Ordinal);

        (code, stdout, stderr) = CliProcess.RunWith(new Dictionary<string, string?> { ["MLSEG_MALLOC_TUNING"] = "0", ["GLIBC_TUNABLES"] = null }, "version");
        Assert.True(code == 0, stderr);
        Assert.Contains("malloc: glibc defaults", stdout, StringComparison.Ordinal);

        (code, stdout, stderr) = CliProcess.RunWith(new Dictionary<string, string?> { ["MLSEG_MALLOC_TUNING"] = null, ["GLIBC_TUNABLES"] = "glibc.malloc.arena_max=2" }, "version");
        Assert.True(code == 0, stderr);
        Assert.Contains("malloc: glibc defaults", stdout, StringComparison.Ordinal);
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
}
