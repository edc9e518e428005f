using MLSeg.Core.Pipeline;
using MLSeg.TestKit;

namespace MLSeg.Core.Tests.Pipeline;

public class EstimatorConformanceTests
{
    [Fact]
    public void IntensityNormalizerEstimator_Conformance_Passes() =>
        EstimatorConformance.Check(new IntensityNormalizerEstimator(), PipelineTestData.Train(), PipelineTestData.WrongImageType());

    [Theory]
    [InlineData("identity")]
    [InlineData("flip-x")]
    [InlineData("flip-y")]
    [InlineData("clamp01")]
    public void MapImageEstimator_Conformance_Passes(string function) =>
        EstimatorConformance.Check(new MapImageEstimator(function, outputColumn: "mapped"), PipelineTestData.Train(), PipelineTestData.WrongImageType());

    [Fact]
    public void SelectColumnsEstimator_Conformance_Passes() =>
        EstimatorConformance.Check(new SelectColumnsEstimator(WellKnownColumns.Label, WellKnownColumns.Image), PipelineTestData.Train(),
            PipelineTestData.WrongImageType());

    [Fact]
    public void EstimatorChain_Conformance_Passes()
    {
        EstimatorChain chain = new IntensityNormalizerEstimator()
            .Append(new MapImageEstimator("flip-x"))
            .Append(new SelectColumnsEstimator(WellKnownColumns.Image, WellKnownColumns.PatientId));
        EstimatorConformance.Check(chain, PipelineTestData.Train(), PipelineTestData.WrongImageType());
    }
}
