using MLSeg.Experiments.Specs;

namespace MLSeg.Experiments.Tests;

public class SpecParserTests
{
    private const string Minimal = "name: t\ncohort:\n  synth: {kind: l3-ct, patients: 12, size: 64}\nsources:\n  - name: none\n";

    public static TheoryData<string, string> BadSpecs => new()
    {
        { Minimal + "fodls: {k: 2}\n", "x.yaml:6: unknown key 'fodls'; did you mean 'folds'?" },
        { Minimal + "folds: {k: two}\n", "x.yaml:6: 'folds.k' must be an integer; found 'two'." },
        { "cohort:\n  synth: {kind: l3-ct}\nsources:\n  - name: none\n", "x.yaml:1: missing required key 'name'." },
        { Minimal + "subsets: [randum]\n", "x.yaml:6: unknown value 'randum' for 'subsets'; valid: random, esed, volunteers, matched. Did you mean 'random'?" },
        { Minimal + "seeds: [1]\nseeds: [2]\n", "x.yaml:7: duplicate key 'seeds' (first at line 6)." },
        { Minimal + "folds: {k: 3, run: [3]}\n", "x.yaml:6: fold 3 is out of range: k = 3 gives folds 0…2." },
        { Minimal + "folds: {k: 13}\n", "x.yaml:6: k = 13 folds need at least 13 patients; the synthetic cohort has 12." },
        { Minimal + "  - name: supervised\n    from: none\n    data: cohort\n", "x.yaml:7: 'from: none' must name a pretraining source listed before this one; listed: (none)." },
        { Minimal + "finetune: {epochs: 3, epochs_scaled_by_n: {base: 1, full_n: 2}}\n", "x.yaml:6: give 'epochs' or 'epochs_scaled_by_n', not both." },
        { Minimal + "preprocessing: {window: {center: 40, width: 0}}\n", "x.yaml:6: 'preprocessing.window.width' must be > 0; found 0." },
        { Minimal + "subsets: [esed]\n", "x.yaml:6: 'esed' needs cardiac phases; the cohort is synthetic 'l3-ct'." },
        { Minimal + "finetune: {loss: {dice: -1}}\n", "x.yaml:6: 'finetune.loss.dice' must be ≥ 0; found -1." },
        { Minimal + "finetune: {precision: fp16}\n", "x.yaml:6: unknown value 'fp16' for 'finetune.precision'; valid: float32, bfloat16, float16." },
        // The generators' limits are checked at the spec line, not deep inside a run (issue 18).
        { "name: t\ncohort:\n  synth: {kind: l3-ct, size: 16}\nsources:\n  - name: none\n", "x.yaml:3: 'cohort.synth.size' must be ≥ 32; found 16." },
        { "name: t\ncohort:\n  synth: {kind: cardiac-cine, size: 4096}\nsources:\n  - name: none\n", "x.yaml:3: 'cohort.synth.size' must be ≤ 2048 for kind 'cardiac-cine'; found 4096." },
    };

    [Fact]
    public void Parse_NestingDeeperThanTheLimit_SpecErrorNotAStackOverflow()
    {
        // 20,000 nested '[' used to overflow the stack and kill the process (issue 18).
        string yaml = "name: t\nsizes: " + new string('[', 20_000) + new string(']', 20_000) + "\n";

        var ex = Assert.Throws<ExperimentSpecException>(() => SpecParser.Parse(yaml, "deep.yaml"));
        Assert.StartsWith("deep.yaml:2: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains("deeper than 64 levels", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SynthSizeWithinKindLimit_Accepted()
    {
        Assert.Equal(16, SpecParser.Parse("name: t\ncohort:\n  synth: {kind: natural, size: 16}\nsources:\n  - name: none\n", "x.yaml").Cohort.Synth!.Size);
    }

    [Theory]
    [MemberData(nameof(BadSpecs))]
    public void Parse_InvalidSpec_ThrowsWithFileLineAndKey(string yaml, string message)
    {
        var ex = Assert.Throws<ExperimentSpecException>(() => SpecParser.Parse(yaml, "x.yaml"));
        Assert.Equal(message, ex.Message);
    }

    [Fact]
    public void Resolve_MinimalSpec_MakesDefaultsExplicit()
    {
        ExperimentSpec s = SpecParser.Parse(Minimal, "x.yaml").Resolve();
        Assert.Equal(SpecDefaults.FoldsK, s.Folds!.K);
        Assert.Equal([0, 1, 2, 3, 4], s.Folds.Run);
        Assert.Equal(64, s.Preprocessing!.Resize);
        Assert.Equal("soft-tissue", s.Preprocessing.Window!.Preset);
        Assert.Equal(SpecDefaults.FinetuneLr, s.Finetune!.Lr);
        Assert.Equal(2, s.Model!.Classes);
    }

    [Fact]
    public void WriteThenParse_ResolvedSpec_RoundTrips()
    {
        string path = Path.Combine(MLSeg.TestKit.RepoPaths.Root, "pipelines", "cardiac-7t-transfer.yaml");
        ExperimentSpec resolved = SpecParser.ParseFile(path).Resolve();
        string yaml = SpecYamlWriter.Write(resolved);
        ExperimentSpec again = SpecParser.Parse(yaml, "resolved.yaml").Resolve();
        Assert.Equal(resolved.ToJson().ToJsonString(), again.ToJson().ToJsonString());
        Assert.Equal(yaml, SpecYamlWriter.Write(again));
    }

    [Fact]
    public void Resolve_Precision_Float32LeftOutSoArmIdsStayOthersRecorded()
    {
        string plain = SpecParser.Parse(Minimal, "x.yaml").Resolve().ToJson().ToJsonString();
        string float32 = SpecParser.Parse(Minimal + "finetune: {precision: float32}\n", "x.yaml").Resolve().ToJson().ToJsonString();
        ExperimentSpec bf16 = SpecParser.Parse(Minimal + "finetune: {precision: bfloat16}\n", "x.yaml").Resolve();
        Assert.Equal(plain, float32);
        Assert.Equal("bfloat16", bf16.Finetune!.Precision);
        Assert.Equal("bfloat16", (string?)bf16.ToJson()["finetune"]!["precision"]);
        Assert.NotEqual(Planning.ExperimentPlanner.Plan(SpecParser.Parse(Minimal, "x.yaml").Resolve())[0].Id, Planning.ExperimentPlanner.Plan(bf16)[0].Id);
        ExperimentSpec again = SpecParser.Parse(SpecYamlWriter.Write(bf16), "resolved.yaml").Resolve();
        Assert.Equal(bf16.ToJson().ToJsonString(), again.ToJson().ToJsonString());
    }

    [Theory]
    [InlineData(2700, 10)]
    [InlineData(270, 100)]
    [InlineData(1000, 27)]
    public void PhasesFor_ScaledEpochs_RoundsBaseTimesFullNOverN(int n, int expected)
    {
        var f = new FinetuneSpec(null, new ScaledEpochsSpec(10, 2700), null, null, new PhaseSpec(10, 1e-4), new PhaseSpec(10, 1e-5), null, null, null, null);
        var phases = f.PhasesFor(n);
        Assert.Equal([(expected, 1e-4, true), (expected, 1e-5, false)], phases);
    }
}
