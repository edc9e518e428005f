using Xunit.Abstractions;
using System.Diagnostics;
using MLSeg.Core.Pipeline;
using MLSeg.Models.Contracts;
using MLSeg.TestKit;
using MLSeg.Training;

namespace MLSeg.Tests;

public sealed class EndToEndTests(CohortFixture cohort, ITestOutputHelper output) : IClassFixture<CohortFixture>
{
    [NativeFact]
    public void Pipeline_SyntheticL3Cohort_TrainsPredictsAndEvaluatesEveryHeldOutCase()
    {
        var clock = Stopwatch.StartNew();
        var ctx = new SegContext(seed: 1);
        var all = ctx.Data.LoadManifest(cohort.ManifestPath);
        IReadOnlyList<string> patients = ctx.Data.GetPatients(all);
        var train = ctx.Data.FilterByPatients(all, patients.Take(4));
        var test = ctx.Data.FilterByPatients(all, patients.Skip(4));

        var pipeline = ctx.Transforms.LoadImage()
            .Append(ctx.Transforms.Window("soft-tissue"))
            .Append(ctx.Transforms.LoadMask())
            .Append(ctx.Transforms.Resize(32))
            .Append(ctx.Trainers.FineTune(new ModelConfig { Depth = 2, BaseChannels = 8, NumClasses = 4 }, epochs: 3, batchSize: 2));

        TransformerChain model = pipeline.Fit(train);
        var result = ctx.Evaluation.Evaluate(model.Transform(test));

        var fineTuned = Assert.IsType<SegmentationModelTransformer>(model.LastTransformer);
        Assert.Equal(3, fineTuned.TrainingResult!.EpochsRun);
        Assert.Equal(2, result.Cases.Count);
        Assert.Equal(patients.Skip(4), result.Cases.Select(c => c.CaseId));
        foreach (var (caseId, dice) in result.PerCaseDice)
        {
            Assert.NotNull(dice);
            Assert.InRange(dice.Value, 0.0, 1.0);
            output.WriteLine($"{caseId}: mean Dice {dice:F3}");
        }

        string summary = Path.Combine(cohort.Directory, "summary.json");
        result.WriteSummary(summary);
        Assert.True(new FileInfo(summary).Length > 0);
        fineTuned.Dispose();
        output.WriteLine($"elapsed {clock.Elapsed.TotalSeconds:F1} s");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed.TotalSeconds:F1} s; the budget is 20 s on 2 cores");
    }

    [NativeFact]
    public void Pipeline_SavedAndLoaded_GivesIdenticalPredictions()
    {
        var ctx = new SegContext(seed: 2);
        var all = ctx.Data.LoadManifest(cohort.ManifestPath);
        var pipeline = ctx.Transforms.LoadImage()
            .Append(ctx.Transforms.Window("soft-tissue"))
            .Append(ctx.Transforms.NormalizeZScore())
            .Append(ctx.Transforms.LoadMask())
            .Append(ctx.Trainers.FineTune(new ModelConfig { Depth = 2, BaseChannels = 4, NumClasses = 4 }, epochs: 1));
        TransformerChain model = pipeline.Fit(all);
        string dir = RepoPaths.NewTempDir("mlseg-facade-model");
        try
        {
            ctx.Model.Save(model, dir);
            ITransformer loaded = new SegContext().Model.Load(dir);
            EstimatorConformance.AssertSameRows([.. model.Transform(all).GetRows()], [.. loaded.Transform(all).GetRows()], "saved → loaded pipeline");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
