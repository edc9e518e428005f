using MLSeg.Core.Errors;
using MLSeg.Core.Imaging;
using MLSeg.Core.Pipeline;

namespace MLSeg.Core.Tests.Pipeline;

public class IntensityNormalizerTests
{
    [Fact]
    public void Fit_KnownValues_MeanAndPopulationStd()
    {
        IntensityNormalizerTransformer t = new IntensityNormalizerEstimator().Fit(PipelineTestData.Train());

        // Samples 0…11: mean 5.5, population variance (12² − 1)/12 (discrete uniform); tolerance 1e-12.
        Assert.Equal(5.5, t.Mean, 1e-12);
        Assert.Equal(Math.Sqrt(143.0 / 12.0), t.StdDev, 1e-12);
    }

    [Fact]
    public void Transform_OutputOfTrainingView_HasZeroMeanUnitStd()
    {
        IntensityNormalizerTransformer t = new IntensityNormalizerEstimator().Fit(PipelineTestData.Train());
        float[] all = [.. t.Transform(PipelineTestData.Train()).GetRows().SelectMany(r => r.Get<Image2D>(WellKnownColumns.Image).Data)];
        double mean = all.Average(v => (double)v);
        double std = Math.Sqrt(all.Average(v => (v - mean) * (v - mean)));
        Assert.Equal(0, mean, 1e-6);
        Assert.Equal(1, std, 1e-6);
    }

    [Fact]
    public void Transform_DoesNotChangeInputImages()
    {
        InMemoryDataView train = PipelineTestData.Train();
        float[] before = (float[])train.GetRows().First().Get<Image2D>(WellKnownColumns.Image).Data.Clone();
        _ = new IntensityNormalizerEstimator().Fit(train).Transform(train).GetRows().ToList();
        Assert.Equal(before, train.GetRows().First().Get<Image2D>(WellKnownColumns.Image).Data);
    }

    [Fact]
    public void Fit_ConstantImages_ThrowsNamingColumn()
    {
        var schema = new DataSchema(new DataColumn(WellKnownColumns.Image, typeof(Image2D)));
        var view = new InMemoryDataView(schema, [new DataRow(schema, new Image2D(1, 2, 2, [3, 3, 3, 3]))]);
        var ex = Assert.Throws<MLSegException>(() => new IntensityNormalizerEstimator().Fit(view));
        Assert.Contains("'image'", ex.Message, StringComparison.Ordinal);
    }
}
