using MLSeg.Experiments.Planning;
using MLSeg.Experiments.Specs;
using MLSeg.Experiments.Store;
using MLSeg.TestKit;

namespace MLSeg.Experiments.Tests;

public class RunFolderTests
{
    private static ExperimentSpec Smoke() => SpecParser.ParseFile(Path.Combine(RepoPaths.Root, "pipelines", "smoke.yaml"));

    [Fact]
    public void Open_ChangedSpec_ThrowsUnlessForced()
    {
        string dir = RepoPaths.NewTempDir();
        try
        {
            RunFolder.Open(dir, Smoke());
            Assert.True(File.Exists(Path.Combine(dir, RunFolder.ResolvedSpecFile)));
            RunFolder.Open(dir, Smoke());
            ExperimentSpec changed = Smoke() with { Seeds = [1] };
            var ex = Assert.Throws<RunFolderException>(() => RunFolder.Open(dir, changed));
            Assert.Contains("different spec", ex.Message, StringComparison.Ordinal);
            RunFolder.Open(dir, changed, force: true);
            RunFolder.Open(dir, changed);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void IsArmFinished_OnlyAfterDoneManifest()
    {
        string dir = RepoPaths.NewTempDir();
        try
        {
            RunFolder run = RunFolder.Open(dir, Smoke());
            Arm arm = ExperimentPlanner.Plan(Smoke())[0];
            Assert.False(run.IsArmFinished(arm));
            Directory.CreateDirectory(run.ArmDirectory(arm));
            File.WriteAllText(Path.Combine(run.ArmDirectory(arm), RunFolder.ManifestFile), """{"status": "running"}""");
            Assert.False(run.IsArmFinished(arm));
            run.MarkArmDone(arm, new() { ["status"] = "ignored", ["seconds"] = 1.5 });
            Assert.True(run.IsArmFinished(arm));
            Assert.Empty(Directory.GetFiles(run.ArmDirectory(arm), "*.tmp"));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
