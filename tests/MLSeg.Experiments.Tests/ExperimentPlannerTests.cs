using MLSeg.Experiments.Planning;
using MLSeg.Experiments.Specs;
using MLSeg.TestKit;

namespace MLSeg.Experiments.Tests;

public class ExperimentPlannerTests
{
    private static string Spec(string path) => Path.Combine(RepoPaths.Root, "pipelines", path);

    public static TheoryData<string, int> Specs => new()
    {
        { "smoke.yaml", 2 * 2 * 2 },
        { "l3-muscle-transfer.yaml", 5 * 7 * 4 },
        { "l3-strategies-cpu.yaml", 5 * 2 * 2 },
        { "l3-data-efficiency.yaml", 5 * 5 * 3 },
        { "l3-data-efficiency-gpu.yaml", 5 * 7 * 4 },
        // 3 sources × (4 random + 4 volunteers + 1 esed + 5 matched) × 4 folds.
        { "cardiac-7t-transfer.yaml", 3 * 14 * 4 },
    };

    [Theory]
    [MemberData(nameof(Specs))]
    public void Plan_ShippedSpec_HasExpectedArmsWithUniqueIdsAndFolders(string file, int count)
    {
        IReadOnlyList<Arm> arms = ExperimentPlanner.Plan(SpecParser.ParseFile(Spec(file)));
        Assert.Equal(count, arms.Count);
        Assert.Equal(count, arms.Select(a => a.Id).Distinct().Count());
        Assert.Equal(count, arms.Select(a => a.FolderName).Distinct().Count());
        Assert.All(arms, a => Assert.Matches("^[0-9a-f]{16}$", a.Id));
    }

    [Fact]
    public void Plan_EveryFileInPipelines_Plans()
    {
        string[] files = Directory.GetFiles(Path.Combine(RepoPaths.Root, "pipelines"), "*.yaml");
        Assert.NotEmpty(files);
        Assert.All(files, f => Assert.NotEmpty(ExperimentPlanner.Plan(SpecParser.ParseFile(f))));
    }

    [Fact]
    public void Plan_FinetuneLrChanged_ChangesEveryId()
    {
        string text = File.ReadAllText(Spec("smoke.yaml"));
        var before = ExperimentPlanner.Plan(SpecParser.Parse(text, "a.yaml"));
        string changed = text.Replace("  lr: 3.0e-3\n  batch: 2", "  lr: 4.0e-3\n  batch: 2", StringComparison.Ordinal);
        Assert.NotEqual(text, changed); // the edit must hit smoke.yaml's finetune lr, or this test proves nothing
        var after = ExperimentPlanner.Plan(SpecParser.Parse(changed, "b.yaml"));
        Assert.Empty(before.Select(a => a.Id).Intersect(after.Select(a => a.Id)));
    }

    [Fact]
    public void Plan_OtherSourceChanged_KeepsIdsOfUnchangedSource()
    {
        string text = File.ReadAllText(Spec("smoke.yaml"));
        var before = ExperimentPlanner.Plan(SpecParser.Parse(text, "a.yaml"));
        string changed = text.Replace("    epochs: 2\n", "    epochs: 3\n", StringComparison.Ordinal);
        Assert.NotEqual(text, changed);
        var after = ExperimentPlanner.Plan(SpecParser.Parse(changed, "b.yaml"));
        Assert.Equal(before.Where(a => a.Source == "none").Select(a => a.Id), after.Where(a => a.Source == "none").Select(a => a.Id));
        Assert.Empty(before.Where(a => a.Source == "autoencoder").Select(a => a.Id).Intersect(after.Select(a => a.Id)));
    }

    [Fact]
    public void Plan_PretrainKey_SharedByAllArmsOfSourceAndSeed()
    {
        var arms = ExperimentPlanner.Plan(SpecParser.ParseFile(Spec("smoke.yaml")));
        Assert.All(arms.Where(a => a.Source == "none"), a => Assert.Null(a.PretrainKey));
        Assert.Single(arms.Where(a => a.Source == "autoencoder").Select(a => a.PretrainKey).Distinct());
    }

    [Fact]
    public void FolderName_HasSourceSizeFoldSeedAndHashPrefix()
    {
        var arm = new Arm("0123456789abcdef", "jigsaw", "random", "25", 3, 1, null, new string('0', 64));
        Assert.Equal("jigsaw__n25__fold3__seed1__01234567", arm.FolderName);
    }

    [Fact]
    public void ToJson_HasRequiredFields()
    {
        string json = PlanFormatter.ToJson(ExperimentPlanner.Plan(SpecParser.ParseFile(Spec("smoke.yaml"))));
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        foreach (var el in doc.RootElement.EnumerateArray())
        {
            foreach (string key in new[] { "id", "source", "n", "fold", "seed", "subset" })
            {
                Assert.True(el.TryGetProperty(key, out _), key);
            }
        }
    }
}
