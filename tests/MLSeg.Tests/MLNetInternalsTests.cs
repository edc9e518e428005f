using Microsoft.ML;
using Microsoft.ML.Data;
using MLSeg.Data;
using MLSeg.Pipeline;

namespace MLSeg.Tests;

/// <summary>
/// MLSeg reaches into a few ML.NET internals (SchemaShape.Column's constructor, SchemaShape.Create, the MLContext behind
/// a catalog and its seed). These tests fail loudly when a Microsoft.ML upgrade moves any of them.
/// </summary>
public sealed class MLNetInternalsTests
{
    [Fact]
    public void Verify_PinnedMicrosoftMl_EveryHandleResolves()
    {
        Assert.Equal(MLNetInternals.PinnedVersion, MLNetInternals.LoadedVersion);
        MLNetInternals.Verify();
    }

    [Fact]
    public void Column_BuildsTheShapeMlNetItselfComputes()
    {
        var builder = new DataViewSchema.Builder();
        builder.AddColumn("x", new VectorDataViewType(NumberDataViewType.Single, 1, 4, 4));
        builder.AddColumn("img", Image2DDataViewType.Instance);
        SchemaShape fromMlNet = MLNetInternals.ShapeOf(builder.ToSchema());

        SchemaShape.Column x = MLNetInternals.Column("x", SchemaShape.Column.VectorKind.Vector, NumberDataViewType.Single);
        SchemaShape.Column img = MLNetInternals.Column("img", SchemaShape.Column.VectorKind.Scalar, Image2DDataViewType.Instance);
        Assert.Equal((x.Name, x.Kind, x.ItemType, x.IsKey), fromMlNet.Single(c => c.Name == "x") is var a ? (a.Name, a.Kind, a.ItemType, a.IsKey) : default);
        Assert.Equal((img.Name, img.Kind, img.ItemType, img.IsKey), fromMlNet.Single(c => c.Name == "img") is var b ? (b.Name, b.Kind, b.ItemType, b.IsKey) : default);
    }

    [Fact]
    public void EnvironmentOfAndSeedOf_SeededContext_OneEnvironmentPerContextWithItsSeed()
    {
        var ml = new MLContext(seed: 1234);
        object environment = MLNetInternals.EnvironmentOf(ml);
        Assert.Same(environment, MLNetInternals.EnvironmentOf(ml.Transforms));
        Assert.Same(environment, MLNetInternals.EnvironmentOf(ml.Model));
        Assert.NotSame(environment, MLNetInternals.EnvironmentOf(new MLContext(seed: 1234)));
        Assert.Equal(1234, MLNetInternals.SeedOf(environment));
        Assert.Null(MLNetInternals.SeedOf(MLNetInternals.EnvironmentOf(new MLContext())));
    }

    [Fact]
    public void NextSeed_SameContextSeed_SameSeedsPerComponentAndCallNumber()
    {
        SegmentationCatalog a = new MLContext(7).Segmentation();
        SegmentationCatalog b = new MLContext(7).Segmentation();
        Assert.Equal(a.NextSeed("x"), b.NextSeed("x"));
        _ = b.NextSeed("y");
        Assert.Equal(a.NextSeed("x"), b.NextSeed("x"));
        Assert.NotEqual(a.NextSeed("x"), a.NextSeed("x"));
        Assert.NotEqual(new MLContext(8).Segmentation().NextSeed("x"), new MLContext(7).Segmentation().NextSeed("x"));

        var ml = new MLContext(7);
        Assert.Same(ml.Segmentation(), ml.Segmentation());
        Assert.Equal(new Core.Randomness.SeedSource(7).Derive("x").Derive(0), ml.Segmentation().NextSeed("x"));
    }

    [Fact]
    public void Augment_SeedsDeriveFromContextByCallNumber()
    {
        var aug = new Transforms.Augmentation.AugmentationOptions { FlipXProbability = 0.5 };
        var ml = new MLContext(5);
        var first = ml.Transforms.Augment(aug).Transformer.Seed;
        var second = ml.Transforms.Augment(aug).Transformer.Seed;
        Assert.Equal(new Core.Randomness.SeedSource(5).Derive("transforms.augment").Derive(0), first);
        Assert.Equal(new Core.Randomness.SeedSource(5).Derive("transforms.augment").Derive(1), second);
    }
}
