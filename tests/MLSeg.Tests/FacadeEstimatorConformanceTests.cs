using MLSeg.Core.Imaging;
using MLSeg.Core.Pipeline;
using MLSeg.Models.Contracts;
using MLSeg.TestKit;
using MLSeg.Models.Engine;
using TorchSharp;
using static TorchSharp.torch;
using MLSeg.Training;

namespace MLSeg.Tests;

/// <summary>Every facade estimator passes <see cref="EstimatorConformance"/> on views from the synthetic cohort.</summary>
public sealed class FacadeEstimatorConformanceTests(CohortFixture cohort) : IClassFixture<CohortFixture>
{
    private static readonly ModelConfig TinyUNet = new() { Depth = 2, BaseChannels = 4, NumClasses = 4 };

    private static readonly DataSchema PatientOnly = new(new DataColumn(WellKnownColumns.PatientId, typeof(string)));

    private static InMemoryDataView Bad => new(PatientOnly, [new DataRow(PatientOnly, "p")]);

    private InMemoryDataView Loaded(SegContext ctx) => ctx.Data.Cache(ctx.Transforms.LoadImage()
        .Append(ctx.Transforms.Window("soft-tissue"))
        .Append(ctx.Transforms.LoadMask())
        .Fit(ctx.Data.LoadManifest(cohort.ManifestPath))
        .Transform(ctx.Data.LoadManifest(cohort.ManifestPath)));

    [Fact]
    public void LoadImage_Conforms()
    {
        var ctx = new SegContext(1);
        EstimatorConformance.Check(ctx.Transforms.LoadImage(), ctx.Data.LoadManifest(cohort.ManifestPath), Bad);
    }

    [Fact]
    public void LoadMask_Conforms()
    {
        var ctx = new SegContext(1);
        var withImages = ctx.Data.Cache(ctx.Transforms.LoadImage().Fit(ctx.Data.LoadManifest(cohort.ManifestPath)).Transform(ctx.Data.LoadManifest(cohort.ManifestPath)));
        EstimatorConformance.Check(ctx.Transforms.LoadMask(), withImages, Bad);
        EstimatorConformance.Check(ctx.Transforms.LoadMask(imageColumn: null), ctx.Data.LoadManifest(cohort.ManifestPath), Bad);
    }

    [Fact]
    public void WindowPresetAndCustom_Conform()
    {
        var ctx = new SegContext(1);
        var data = Loaded(ctx);
        EstimatorConformance.Check(ctx.Transforms.Window("sarcopenia-muscle"), data, Bad);
        EstimatorConformance.Check(ctx.Transforms.Window(40, 400), data, Bad);
    }

    [Fact]
    public void NormalizeZScore_Conforms()
    {
        var ctx = new SegContext(1);
        EstimatorConformance.Check(ctx.Transforms.NormalizeZScore(), Loaded(ctx), Bad);
    }

    [Fact]
    public void ResizeAndPadOrCrop_Conform()
    {
        var ctx = new SegContext(1);
        var data = Loaded(ctx);
        EstimatorConformance.Check(ctx.Transforms.Resize(24, 40), data, Bad);
        EstimatorConformance.Check(ctx.Transforms.Resize(16, labelColumn: null), data, Bad);
        EstimatorConformance.Check(ctx.Transforms.PadOrCrop(40, 24), data, Bad);
    }

    [NativeFact]
    public void FineTune_Conforms()
    {
        var ctx = new SegContext(1);
        var estimator = ctx.Trainers.FineTune(TinyUNet, epochs: 1, batchSize: 3);
        EstimatorConformance.Check(estimator, Loaded(ctx), Bad);
    }

    [NativeFact]
    public void PretrainingNoneAutoencoderJigsaw_Conform()
    {
        var ctx = new SegContext(1);
        var data = Loaded(ctx);
        EstimatorConformance.Check(ctx.Pretraining.None(TinyUNet), data, Bad);
        EstimatorConformance.Check(ctx.Pretraining.Autoencoder(TinyUNet, epochs: 1, batchSize: 3), data, Bad);
        EstimatorConformance.Check(ctx.Pretraining.Jigsaw(TinyUNet, epochs: 1, batchSize: 3, tileSize: 8, permutationCount: 4), data, Bad);
    }

    [NativeFact]
    public void FineTune_FromPretrainedEncoder_StartsFromItsWeights()
    {
        var ctx = new SegContext(1);
        var data = Loaded(ctx);
        using PretrainedEncoderTransformer encoder = ctx.Pretraining.Autoencoder(TinyUNet, epochs: 1, batchSize: 3).Fit(data);

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
    public void FineTune_PretrainedFromOtherEncoder_FailsNamingBothConfigs()
    {
        var ctx = new SegContext(1);
        using var encoder = ctx.Pretraining.None(TinyUNet with { BaseChannels = 8 }).Fit(Loaded(ctx));
        var ex = Assert.Throws<ArgumentException>(() => ctx.Trainers.FineTune(TinyUNet, pretrained: encoder));
        Assert.Contains("BaseChannels = 8", ex.Message, StringComparison.Ordinal);
        Assert.Contains("BaseChannels = 4", ex.Message, StringComparison.Ordinal);
    }
}
