using Microsoft.ML;
using MLSeg.Core.Imaging;
using MLSeg.Core.Randomness;
using MLSeg.Models.Contracts;
using MLSeg.Models.Engine;
using MLSeg.TestKit;
using MLSeg.Tests.Conformance;
using MLSeg.Training;
using MLSeg.Training.FineTuning;
using TorchSharp;
using static TorchSharp.torch;

namespace MLSeg.Tests.Arms;

/// <summary>
/// What an arm's chain asks of <c>Trainers.UNet</c> besides the plain fit: a validation view for early stopping, a whole
/// pretrained network to start from (head reset to the target's classes), and the seeded-dropout rule.
/// </summary>
public sealed class FineTuneEstimatorStartTests(CohortFixture cohort) : IClassFixture<CohortFixture>
{
    private static readonly ModelConfig TinyUNet = new() { Depth = 2, BaseChannels = 4, NumClasses = 4 };

    [NativeFact]
    public void UNet_FromWholeNetwork_ConformsAndLoadsEveryLayerButTheHead()
    {
        var ml = new MLContext(1);
        IDataView data = TestViews.Loaded(ml, cohort.ManifestPath);
        string dir = RepoPaths.NewTempDir("mlseg-whole-network");
        try
        {
            // A source network with another class count (5): its body must arrive, its head must not.
            ModelConfig sourceModel = TinyUNet with { NumClasses = 5 };
            using var generator = SeededGenerators.Create(new SeedSource(9));
            using var source = Models.ModelFactory.Create(sourceModel, generator);
            string weights = Path.Combine(dir, "network.safetensors");
            StateDicts.Save(source, weights);

            FineTuneEstimator Estimator() => new(TinyUNet, new FineTuneOptions { Phases = [new TrainingPhase("frozen", 1, 1e-12, null)], BatchSize = 3 }, new SeedSource(2))
            {
                PretrainedNetworkPath = weights,
            };
            EstimatorConformance.Check(ml, Estimator(), data, TestViews.PatientOnly(ml));

            // One step at a learning rate of 1e-12 with the encoder frozen: the encoder keeps the file's weights exactly.
            using SegmentationModelTransformer fitted = Estimator().Fit(data);
            using var scope = torch.NewDisposeScope();
            var sourceState = StateDicts.Of(source);
            var fittedState = StateDicts.Of(fitted.Network);
            foreach (var (key, t) in sourceState.Where(kv => kv.Key.StartsWith("encoder.", StringComparison.Ordinal) && kv.Value.dtype == ScalarType.Float32 && !kv.Key.Contains("running", StringComparison.Ordinal)))
            {
                Assert.Equal(t.data<float>().ToArray(), fittedState[key].data<float>().ToArray());
            }

            Assert.Equal(5, sourceState.First(kv => kv.Key.StartsWith("head.", StringComparison.Ordinal) && kv.Key.EndsWith(".weight", StringComparison.Ordinal)).Value.shape[0]);
            Assert.Equal(4, fittedState.First(kv => kv.Key.StartsWith("head.", StringComparison.Ordinal) && kv.Key.EndsWith(".weight", StringComparison.Ordinal)).Value.shape[0]);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [NativeFact]
    public void UNet_EncoderAndWholeNetwork_FailsNamingBoth()
    {
        var ml = new MLContext(1);
        using PretrainedEncoderTransformer encoder = ml.Segmentation().Pretraining.None(TinyUNet).Fit(TestViews.Loaded(ml, cohort.ManifestPath));
        string weights = Path.Combine(RepoPaths.NewTempDir("mlseg-both"), "n.safetensors");
        File.WriteAllText(weights, "not read");
        var ex = Assert.Throws<ArgumentException>(() => new FineTuneEstimator(TinyUNet, new FineTuneOptions(), new SeedSource(1), encoder) { PretrainedNetworkPath = weights });
        Assert.Contains("none", ex.Message, StringComparison.Ordinal);
        Assert.Contains(weights, ex.Message, StringComparison.Ordinal);
        Directory.Delete(Path.GetDirectoryName(weights)!, recursive: true);
    }

    [Fact]
    public void UNet_MissingWholeNetworkFile_FailsNamingIt()
    {
        var ex = Assert.Throws<FileNotFoundException>(() => new FineTuneEstimator(TinyUNet, new FineTuneOptions(), new SeedSource(1)) { PretrainedNetworkPath = "/nonexistent/net.safetensors" });
        Assert.Contains("/nonexistent/net.safetensors", ex.Message, StringComparison.Ordinal);
    }

    [NativeFact]
    public void Fit_WithValidation_StopsEarlyOnIt_AndWithoutEarlyStoppingRefusesIt()
    {
        var ml = new MLContext(1);
        IDataView data = TestViews.Loaded(ml, cohort.ManifestPath);
        IReadOnlyList<string> patients = ml.Data.GetPatients(data);
        IDataView train = ml.Data.FilterByPatients(data, patients.Take(4)), validation = ml.Data.FilterByPatients(data, patients.Skip(4));
        var options = new FineTuneOptions { Phases = [new TrainingPhase("train", 6, 1e-3, 1e-3)], BatchSize = 2, EarlyStopping = new EarlyStopping(1) };
        using SegmentationModelTransformer fitted = new FineTuneEstimator(TinyUNet, options, new SeedSource(3)).Fit(train, validation);
        Assert.NotNull(fitted.TrainingResult!.BestEpoch);

        var ex = Assert.Throws<ArgumentException>(() => new FineTuneEstimator(TinyUNet, options with { EarlyStopping = null }, new SeedSource(3)).Fit(train, validation));
        Assert.Contains("EarlyStopping", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NormalizeIntensity_Statistics_AreTheRunnersSums()
    {
        // Samples 1, 2, 3, 4: mean 2.5, E[x²] − mean² = 7.5 − 6.25 = 1.25 (population variance).
        var ml = new MLContext(1);
        IDataView view = TestViews.Images(ml, new Image2D(1, 2, 2, [1f, 2f, 3f, 4f], PixelSpacing.Unit));
        var normalizer = ml.Transforms.NormalizeIntensity().Fit(view);
        Assert.Equal(2.5, normalizer.Mean, 15);
        Assert.Equal(Math.Sqrt(1.25), normalizer.Std, 15);
        Image2D normalized = Pipeline.ViewReader.Images(normalizer.Transform(view), Data.WellKnownColumns.Image).Single();
        float inverse = (float)(1 / Math.Sqrt(1.25));
        Assert.Equal(new[] { (1f - 2.5f) * inverse, (2f - 2.5f) * inverse, (3f - 2.5f) * inverse, (4f - 2.5f) * inverse }, normalized.Data.ToArray());
    }

    [Fact]
    public void NormalizeIntensity_ConstantImages_FailNamingTheValue()
    {
        var ml = new MLContext(1);
        IDataView view = TestViews.Images(ml, new Image2D(1, 2, 2, [0.3f, 0.3f, 0.3f, 0.3f], PixelSpacing.Unit));
        var ex = Assert.Throws<Core.Errors.MLSegException>(() => ml.Transforms.NormalizeIntensity().Fit(view));
        Assert.Contains("0.3", ex.Message, StringComparison.Ordinal);
    }
}
