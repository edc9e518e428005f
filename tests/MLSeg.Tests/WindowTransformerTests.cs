using Microsoft.ML;
using MLSeg.Core.Imaging;
using MLSeg.Data;
using MLSeg.Pipeline;

namespace MLSeg.Tests;

public sealed class WindowTransformerTests
{
    // Soft tissue, c = 40, w = 400, LINEAR (PS3.3 C.11.2.1.2.1): y = 0 for x ≤ −160, 1 for x > 239,
    // else (x − 39.5) / 399 + 0.5. Hand-computed; tolerance 1e-6 (float32 output).
    public static TheoryData<float, double> SoftTissue => new()
    {
        { -1000f, 0.0 },
        { -160f, 0.0 },
        { 39.5f, 0.5 },
        { 139.25f, 0.75 },
        { 240f, 1.0 },
        { 3000f, 1.0 },
    };

    [Theory]
    [MemberData(nameof(SoftTissue))]
    public void Window_SoftTissuePreset_MapsHuToUnitRange(float hu, double expected)
    {
        var ml = new MLContext(1);
        IDataView view = TestViews.Images(ml, new Image2D(1, 1, 1, [hu]));
        Image2D output = ViewReader.Images(ml.Transforms.Window("soft-tissue").Fit(view).Transform(view), WellKnownColumns.Image).Single();
        Assert.Equal(expected, output.Data[0], 1e-6);
    }

    [Fact]
    public void Window_UnknownPreset_FailsListingKnownOnes()
    {
        var ex = Assert.Throws<ArgumentException>(() => new MLContext(1).Transforms.Window("softtissue"));
        Assert.Contains("soft-tissue", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Window_ZeroWidth_Fails() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new MLContext(1).Transforms.Window(40, 0));
}
