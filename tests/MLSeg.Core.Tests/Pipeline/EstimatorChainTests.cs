using MLSeg.Core.Errors;
using MLSeg.Core.Imaging;
using MLSeg.Core.Pipeline;

namespace MLSeg.Core.Tests.Pipeline;

public class EstimatorChainTests
{
    private sealed class CountingEstimator : IEstimator<IntensityNormalizerTransformer>
    {
        public int Fits { get; private set; }

        public DataSchema GetOutputSchema(DataSchema inputSchema) => inputSchema;

        public IntensityNormalizerTransformer Fit(IDataView input)
        {
            Fits++;
            return new IntensityNormalizerTransformer(WellKnownColumns.Image, 0, 1);
        }
    }

    [Fact]
    public void Fit_LaterStepNeedsDroppedColumn_FailsBeforeFirstFitNamingColumn()
    {
        var counting = new CountingEstimator();
        EstimatorChain chain = new EstimatorChain()
            .Append(counting)
            .Append(new SelectColumnsEstimator(WellKnownColumns.PatientId))
            .Append(new IntensityNormalizerEstimator());

        var ex = Assert.Throws<SchemaMismatchException>(() => chain.Fit(PipelineTestData.Train()));

        Assert.Equal(0, counting.Fits);
        Assert.Equal(WellKnownColumns.Image, ex.Column);
        Assert.Contains("Image2D", ex.Expected, StringComparison.Ordinal);
        Assert.Contains("no such column", ex.Found, StringComparison.Ordinal);
    }

    [Fact]
    public void Require_WrongType_NamesExpectedAndFound()
    {
        var ex = Assert.Throws<SchemaMismatchException>(() => PipelineTestData.WrongImageType().Schema.Require(WellKnownColumns.Image, typeof(Image2D)));
        Assert.Equal("type Image2D", ex.Expected);
        Assert.Equal("type LabelMap", ex.Found);
    }

    [Fact]
    public void Fit_NormalizeThenFlip_AppliesStepsInOrder()
    {
        TransformerChain fitted = new IntensityNormalizerEstimator().Append(new MapImageEstimator("flip-x")).Fit(PipelineTestData.Train());

        Image2D first = fitted.Transform(PipelineTestData.Train()).GetRows().First().Get<Image2D>(WellKnownColumns.Image);

        // Values 0…11: mean 5.5, population std sqrt((12²−1)/12) = sqrt(143/12). Row 0 = [0,1,2] flipped → [2,1,0].
        double std = Math.Sqrt(143.0 / 12.0);
        float[] expected = [.. new[] { 2, 1, 0, 5, 4, 3 }.Select(v => (float)((v - 5.5) / std))];
        Assert.Equal(expected, first.Data);
        Assert.Equal(2, fitted.Transformers.Count);
    }

    [Fact]
    public void Transform_IsLazy_DoesNotEnumerateInput()
    {
        var source = new ThrowingView(PipelineTestData.Schema);
        IDataView view = new IntensityNormalizerTransformer(WellKnownColumns.Image, 0, 1).Transform(source);
        Assert.Equal(PipelineTestData.Schema, view.Schema);
        Assert.Throws<InvalidOperationException>(() => view.GetRows().First());
    }

    private sealed class ThrowingView(DataSchema schema) : IDataView
    {
        public DataSchema Schema { get; } = schema;

        public IEnumerable<DataRow> GetRows() => throw new InvalidOperationException("enumerated");
    }
}
