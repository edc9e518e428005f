using System.Text.Json;

namespace MLSeg.Cli.Tests;

/// <summary><c>mlseg plan SPEC --arm ID</c>: one arm's ML.NET estimator chain, as <c>mlseg run</c> builds it.</summary>
public class PlanArmTests
{
    private const string Smoke = "pipelines/smoke.yaml";

    [Fact]
    public void PlanArm_AutoencoderArm_PrintsItsChainInOrderWithSettings()
    {
        JsonElement arm = Arms().First(a => a.GetProperty("source").GetString() == "autoencoder" && a.GetProperty("n").GetInt32() == 4 && a.GetProperty("fold").GetInt32() == 1);
        string id = arm.GetProperty("id").GetString()!;
        var (code, stdout, stderr) = CliProcess.Run("plan", Smoke, "--arm", id);
        Assert.True(code == 0, stderr);
        string[] expectedInOrder =
        [
            $"arm {id} (autoencoder__n4__fold1__seed0__{id[..8]})",
            "data      prepared cohort view (load → window → resize",
            "window:            soft-tissue (center 40, width 400",
            "resize:            64x64 (image bilinear, label nearest)",
            "values ≥ 2 become background",
            "subset:            random n=4, seed 0/subset",
            "inner validation:  none (early stopping off)",
            "estimator ml.Transforms.NormalizeIntensity(image)",
            "mean and standard deviation of the fit images only",
            "estimator ml.Segmentation().Pretraining.Import(image)",
            "source:            autoencoder, epochs 2, lr 0.001, batch 4",
            $"pretrain cache key {arm.GetProperty("pretrainKey").GetString()}-fold1",
            "trainer   ml.Segmentation().Trainers.UNet(image, label → prediction)",
            "model:             unet, depth 3, base channels 8, batch norm, transpose upsampling, 2 classes",
            "phases:            train 20 epochs, lr 0.003",
            "batch:             2",
            "transform the fitted chain on the held-out fold",
            "evaluate  ml.Segmentation().Evaluate(label, prediction, case_id)",
            "labels:            1",
        ];
        int at = 0;
        foreach (string expected in expectedInOrder)
        {
            int found = stdout.IndexOf(expected, at, StringComparison.Ordinal);
            Assert.True(found >= 0, $"'{expected}' not found after position {at} in:\n{stdout}");
            at = found + expected.Length;
        }
    }

    [Fact]
    public void PlanArm_JsonByPrefix_ListsTheStepKinds()
    {
        JsonElement arm = Arms().First(a => a.GetProperty("source").GetString() == "none");
        string id = arm.GetProperty("id").GetString()!;
        var (code, stdout, stderr) = CliProcess.Run("plan", Smoke, "--arm", id[..10], "--json");
        Assert.True(code == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        Assert.Equal(id, doc.RootElement.GetProperty("id").GetString());
        Assert.Equal(arm.GetProperty("folder").GetString(), doc.RootElement.GetProperty("folder").GetString());
        string[] kinds = [.. doc.RootElement.GetProperty("chain").EnumerateArray().Select(s => s.GetProperty("kind").GetString()!)];
        Assert.Equal(["data", "select", "estimator", "weights", "trainer", "transform", "evaluate"], kinds);
        JsonElement weights = doc.RootElement.GetProperty("chain")[3];
        Assert.Equal("none", weights.GetProperty("component").GetString());
    }

    [Fact]
    public void PlanArm_UnknownId_ExitsTwoNamingItAndHowToListIds()
    {
        var (code, _, stderr) = CliProcess.Run("plan", Smoke, "--arm", "0000nothere");
        Assert.Equal(2, code);
        Assert.Contains("'0000nothere'", stderr, StringComparison.Ordinal);
        Assert.Contains($"mlseg plan {Smoke}", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void PlanArm_AmbiguousPrefix_ExitsTwoListingTheMatches()
    {
        int count = Arms().Count;
        var (code, _, stderr) = CliProcess.Run("plan", Smoke, "--arm", "");
        Assert.Equal(2, code);
        Assert.Contains($"matches {count} arms", stderr, StringComparison.Ordinal);
    }

    private static List<JsonElement> Arms()
    {
        var (code, stdout, stderr) = CliProcess.Run("plan", Smoke, "--json");
        Assert.True(code == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        return [.. doc.RootElement.EnumerateArray().Select(e => e.Clone())];
    }
}
