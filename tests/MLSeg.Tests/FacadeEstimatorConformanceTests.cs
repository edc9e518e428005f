using Microsoft.ML;
using MLSeg.Models.Contracts;
using MLSeg.TestKit;
using MLSeg.Models.Engine;
using TorchSharp;
using static TorchSharp.torch;
using MLSeg.Tests.Conformance;
using MLSeg.Training;
using MLSeg.Transforms.Augmentation;

namespace MLSeg.Tests;

/// <summary>Every MLSeg estimator passes <see cref="EstimatorConformance"/> on views from the synthetic cohort.</summary>
public sealed class FacadeEstimatorConformanceTests(CohortFixture cohort) : IClassFixture<CohortFixture>
{
    private static readonly ModelConfig TinyUNet = new() { Depth = 2, BaseChannels = 4, NumClasses = 4 };

    [Fact]
    public void LoadImageAndLoadDicom_Conform()
    {
        var ml = new MLContext(1);
        EstimatorConformance.Check(ml, ml.Transforms.LoadImage(), ml.Data.LoadManifest(cohort.ManifestPath), TestViews.PatientOnly(ml));
        EstimatorConformance.Check(ml, ml.Transforms.LoadDicom(), ml.Data.LoadManifest(cohort.ManifestPath), TestViews.PatientOnly(ml));
    }

    [Fact]
    public void LoadMask_Conforms()
    {
        var ml = new MLContext(1);
        IDataView manifest = ml.Data.LoadManifest(cohort.ManifestPath);
        var withImages = ml.Data.CacheInMemory(ml.Transforms.LoadImage().Fit(manifest).Transform(manifest));
        EstimatorConformance.Check(ml, ml.Transforms.LoadMask(), withImages, TestViews.PatientOnly(ml));
        EstimatorConformance.Check(ml, ml.Transforms.LoadMask(imageColumnName: null), manifest, TestViews.PatientOnly(ml));
    }

    [Fact]
    public void WindowPresetAndCustom_Conform()
    {
        var ml = new MLContext(1);
        var data = TestViews.Loaded(ml, cohort.ManifestPath);
        EstimatorConformance.Check(ml, ml.Transforms.Window("sarcopenia-muscle"), data, TestViews.PatientOnly(ml));
        EstimatorConformance.Check(ml, ml.Transforms.Window(40, 400, outputColumnName: "windowed", inputColumnName: "image"), data, TestViews.PatientOnly(ml));
    }

    [Fact]
    public void NormalizeIntensity_Conforms()
    {
        var ml = new MLContext(1);
        EstimatorConformance.Check(ml, ml.Transforms.NormalizeIntensity(), TestViews.Loaded(ml, cohort.ManifestPath), TestViews.PatientOnly(ml));
    }

    [Fact]
    public void ResizePadOrCropToTensorAugment_Conform()
    {
        var ml = new MLContext(1);
        var data = TestViews.Loaded(ml, cohort.ManifestPath);
        EstimatorConformance.Check(ml, ml.Transforms.Resize(24, 40), data, TestViews.PatientOnly(ml));
        EstimatorConformance.Check(ml, ml.Transforms.Resize(16, labelColumnName: null), data, TestViews.PatientOnly(ml));
        EstimatorConformance.Check(ml, ml.Transforms.PadOrCrop(40, 24), data, TestViews.PatientOnly(ml));
        var resized = ml.Data.CacheInMemory(ml.Transforms.Resize(16).Fit(data).Transform(data));
        EstimatorConformance.Check(ml, ml.Transforms.ToTensor(), resized, data);
        EstimatorConformance.Check(ml, ml.Transforms.Augment(new AugmentationOptions { FlipXProbability = 0.5, MaxRotationDegrees = 10, GainRange = 0.1 }),
            data, TestViews.PatientOnly(ml));
    }

    [NativeFact]
    public void UNet_Conforms()
    {
        var ml = new MLContext(1);
        EstimatorConformance.Check(ml, ml.Segmentation().Trainers.UNet(TinyUNet, epochs: 1, batchSize: 3), TestViews.Loaded(ml, cohort.ManifestPath), TestViews.PatientOnly(ml));
    }

    [NativeFact]
    public void PretrainingNoneAutoencoderJigsaw_Conform()
    {
        var ml = new MLContext(1);
        var data = TestViews.Loaded(ml, cohort.ManifestPath);
        var pretraining = ml.Segmentation().Pretraining;
        EstimatorConformance.Check(ml, pretraining.None(TinyUNet), data, TestViews.PatientOnly(ml));
        EstimatorConformance.Check(ml, pretraining.Autoencoder(TinyUNet, epochs: 1, batchSize: 3), data, TestViews.PatientOnly(ml));
        EstimatorConformance.Check(ml, pretraining.Jigsaw(TinyUNet, epochs: 1, batchSize: 3, tileSize: 8, permutationCount: 4), data, TestViews.PatientOnly(ml));
    }

    [NativeFact]
    public void UNet_FromPretrainedEncoder_StartsFromItsWeights()
    {
        var ml = new MLContext(1);
        var data = TestViews.Loaded(ml, cohort.ManifestPath);
        using PretrainedEncoderTransformer encoder = ml.Segmentation().Pretraining.Autoencoder(TinyUNet, epochs: 1, batchSize: 3).Fit(data);

        // Zero fine-tuning steps are impossible (epochs ≥ 1), so compare after copying: the copy must equal the source.
        using var network = Models.ModelFactory.Create(TinyUNet);
        encoder.CopyInto(network, TinyUNet);
        using var scope = torch.NewDisposeScope();
        var source = StateDicts.Of(encoder.Encoder);
        var target = StateDicts.Of(network.Encoder);
        Assert.Equal(source.Keys, target.Keys);
        foreach (var (key, t) in source)
        {
            Assert.Equal(t.to(ScalarType.Float64).data<double>().ToArray(), target[key].to(ScalarType.Float64).data<double>().ToArray());
        }
    }

    [NativeFact]
    public void UNet_PretrainedFromOtherEncoder_FailsNamingBothConfigs()
    {
        var ml = new MLContext(1);
        using var encoder = ml.Segmentation().Pretraining.None(TinyUNet with { BaseChannels = 8 }).Fit(TestViews.Loaded(ml, cohort.ManifestPath));
        var ex = Assert.Throws<ArgumentException>(() => ml.Segmentation().Trainers.UNet(TinyUNet, pretrained: encoder));
        Assert.Contains("BaseChannels = 8", ex.Message, StringComparison.Ordinal);
        Assert.Contains("BaseChannels = 4", ex.Message, StringComparison.Ordinal);
    }

    [NativeFact]
    public void PretrainingClassificationSegmentationSupervisedImport_Conform()
    {
        var ml = new MLContext(1);
        var data = TestViews.Loaded(ml, cohort.ManifestPath);
        var pretraining = ml.Segmentation().Pretraining;
        Core.Imaging.Image2D[] images = [.. Pipeline.ViewReader.Images(data, Data.WellKnownColumns.Image)];
        IDataView classified = ml.Data.LoadFromEnumerable(images.Select((image, i) => new ClassRow { Image = image, Class = i % 2 == 0 ? "even" : "odd" }));
        EstimatorConformance.Check(ml, pretraining.Classification(TinyUNet, epochs: 1, batchSize: 3), classified, TestViews.PatientOnly(ml));
        EstimatorConformance.Check(ml, pretraining.Segmentation(TinyUNet, epochs: 1, batchSize: 3), data, TestViews.PatientOnly(ml));
        EstimatorConformance.Check(ml, pretraining.Supervised(TinyUNet with { NumClasses = 5 }, epochs: 1, batchSize: 3), data, TestViews.PatientOnly(ml));

        string dir = RepoPaths.NewTempDir("mlseg-import");
        try
        {
            using PretrainedEncoderTransformer source = pretraining.None(TinyUNet).Fit(data);
            string weights = Path.Combine(dir, "encoder.safetensors");
            Training.Pretraining.WeightTransfer.SaveEncoder(source.Encoder, weights);
            EstimatorConformance.Check(ml, pretraining.Import(TinyUNet, weights), data, TestViews.PatientOnly(ml));
            using PretrainedEncoderTransformer imported = pretraining.Import(TinyUNet, weights).Fit(data);
            using var scope = torch.NewDisposeScope();
            var importedState = StateDicts.Of(imported.Encoder);
            foreach (var (key, t) in StateDicts.Of(source.Encoder))
            {
                Assert.Equal(t.to(ScalarType.Float64).data<double>().ToArray(), importedState[key].to(ScalarType.Float64).data<double>().ToArray());
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [NativeFact]
    public void PretrainingClassification_OneClass_FailsNamingIt()
    {
        var ml = new MLContext(1);
        var data = TestViews.Loaded(ml, cohort.ManifestPath);
        IDataView oneClass = ml.Data.LoadFromEnumerable(Pipeline.ViewReader.Images(data, Data.WellKnownColumns.Image).Select(i => new ClassRow { Image = i, Class = "only" }));
        var ex = Assert.Throws<Training.TrainingDataException>(() => ml.Segmentation().Pretraining.Classification(TinyUNet, epochs: 1).Fit(oneClass));
        Assert.Contains("'only'", ex.Message, StringComparison.Ordinal);
    }

    public sealed class ClassRow
    {
        [Microsoft.ML.Data.ColumnName(Data.WellKnownColumns.Image)]
        public Core.Imaging.Image2D? Image { get; set; }

        [Microsoft.ML.Data.ColumnName(Data.ManifestColumns.Class)]
        public string Class { get; set; } = string.Empty;
    }
}
