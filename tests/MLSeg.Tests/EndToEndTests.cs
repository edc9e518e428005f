using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLSeg.Core.Imaging;
using MLSeg.Data;
using MLSeg.Models.Contracts;
using MLSeg.TestKit;
using MLSeg.Tests.Conformance;
using MLSeg.Training;
using Xunit.Abstractions;

namespace MLSeg.Tests;

public sealed class EndToEndTests(CohortFixture cohort, ITestOutputHelper output) : IClassFixture<CohortFixture>
{
    [NativeFact]
    public void Pipeline_SyntheticL3Cohort_TrainsPredictsAndEvaluatesEveryHeldOutCase()
    {
        var clock = Stopwatch.StartNew();
        var ml = new MLContext(seed: 1);
        IDataView all = ml.Data.LoadManifest(cohort.ManifestPath);
        IReadOnlyList<string> patients = ml.Data.GetPatients(all);
        IDataView train = ml.Data.FilterByPatients(all, patients.Take(4));
        IDataView test = ml.Data.FilterByPatients(all, patients.Skip(4));

        var pipeline = ml.Transforms.LoadImage()
            .Append(ml.Transforms.Window("soft-tissue"))
            .Append(ml.Transforms.LoadMask())
            .Append(ml.Transforms.Resize(32))
            .Append(ml.Segmentation().Trainers.UNet(new ModelConfig { Depth = 2, BaseChannels = 8, NumClasses = 4 }, epochs: 3, batchSize: 2));

        var model = pipeline.Fit(train);
        var result = ml.Segmentation().Evaluate(model.Transform(test));

        SegmentationModelTransformer fineTuned = model.LastTransformer;
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
    public void Pipeline_SavedAndLoaded_ZipAndFolder_GiveIdenticalPredictionsWithBuiltInStepsEmbedded()
    {
        var ml = new MLContext(seed: 2);
        IDataView all = ml.Data.LoadManifest(cohort.ManifestPath);
        var pipeline = ml.Transforms.LoadImage()
            .Append(ml.Transforms.Window("soft-tissue"))
            .Append(ml.Transforms.NormalizeIntensity())
            .Append(ml.Transforms.LoadMask())
            .Append(ml.Transforms.CopyColumns("patient_copy", WellKnownColumns.PatientId))
            .Append(ml.Segmentation().Trainers.UNet(new ModelConfig { Depth = 2, BaseChannels = 4, NumClasses = 4 }, epochs: 1));
        var model = pipeline.Fit(all);
        List<object?[]> expected = ViewRows.Read(model.Transform(all));

        // ML.NET's own save refuses the chain (it holds MLSeg steps) and names MLSeg's API.
        using (var stream = new MemoryStream())
        {
            var refused = Assert.Throws<NotSupportedException>(() => ml.Model.Save(model, all.Schema, stream));
            Assert.Contains("ml.Segmentation().Model.Save", refused.Message, StringComparison.Ordinal);
        }
        string dir = RepoPaths.NewTempDir("mlseg-facade-model");
        try
        {
            foreach (string path in new[] { Path.Combine(dir, "pipeline.zip"), Path.Combine(dir, "pipeline-folder") })
            {
                ml.Segmentation().Model.Save(model, path);
                var loaded = new MLContext().Segmentation().Model.Load(path);
                Assert.Equal(6, loaded.Count());
                Assert.IsType<SegmentationModelTransformer>(loaded.LastTransformer);
                ViewRows.AssertSame(expected, ViewRows.Read(loaded.Transform(all)), $"saved → loaded pipeline ({Path.GetFileName(path)})");
                EstimatorConformance.DisposeAll(loaded);
            }

            Assert.True(File.Exists(Path.Combine(dir, "pipeline-folder", "steps", "00", "..", "04.mlnet.zip")), "the CopyColumns step is an embedded ML.NET model file");
            Assert.True(File.Exists(Path.Combine(dir, "pipeline-folder", "steps", "05", "weights.safetensors")));
            Assert.Empty(Directory.GetDirectories(dir, ".*tmp"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
            model.LastTransformer.Dispose();
        }
    }

    [NativeFact]
    public void PredictionEngine_OneImageAtATime_MatchesTransform()
    {
        var ml = new MLContext(seed: 3);
        IDataView all = ml.Data.LoadManifest(cohort.ManifestPath);
        var preparation = ml.Transforms.LoadImage().Append(ml.Transforms.Window("soft-tissue")).Append(ml.Transforms.LoadMask()).Append(ml.Transforms.Resize(24));
        IDataView train = ml.Data.CacheInMemory(preparation.Fit(all).Transform(all));
        using SegmentationModelTransformer unet = ml.Segmentation().Trainers.UNet(new ModelConfig { Depth = 2, BaseChannels = 4, NumClasses = 4 }, epochs: 1).Fit(train);

        // Prediction needs only the image path: the same preprocessing without masks, then the trained network.
        var predictor = ml.Transforms.LoadImage().Append(ml.Transforms.Window("soft-tissue")).Append(ml.Transforms.Resize(24, labelColumnName: null))
            .Fit(all).Append(unet);
        using var engine = ml.Model.CreatePredictionEngine<ImageInput, Prediction>(predictor);
        {
            LabelMap[] viaTransform = [.. Pipeline.ViewReader.LabelMaps(predictor.Transform(all), WellKnownColumns.Prediction)];
            string[] paths = [.. Pipeline.ViewReader.Texts(all, ManifestColumns.ImagePath)];
            Image2D[] imagesViaTransform = [.. Pipeline.ViewReader.Images(predictor.Transform(all), WellKnownColumns.Image)];
            for (int i = 0; i < paths.Length; i++)
            {
                Prediction one = engine.Predict(new ImageInput { ImagePath = paths[i] });
                Assert.True(ViewRows.Same(viaTransform[i], one.Label), $"image {i}: PredictionEngine and Transform predict differently");
                Assert.True(ViewRows.Same(imagesViaTransform[i], one.Image), $"image {i}: PredictionEngine and Transform preprocess differently");
            }

            // Each Predict call recomputes its row (no value is carried over from the previous image).
            Assert.Contains(imagesViaTransform, image => !ViewRows.Same(image, imagesViaTransform[0]));
        }
    }

    public sealed class ImageInput
    {
        [ColumnName(ManifestColumns.ImagePath)]
        public string ImagePath { get; set; } = string.Empty;
    }

    public sealed class Prediction
    {
        [ColumnName(WellKnownColumns.Prediction)]
        public LabelMap? Label { get; set; }

        [ColumnName(WellKnownColumns.Image)]
        public Image2D? Image { get; set; }
    }
}
