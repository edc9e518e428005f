using MLSeg.Core.Imaging;
using MLSeg.Transforms.Windowing;

namespace MLSeg.Transforms.Tests;

public class VoiWindowTests
{
    // Hand-computed from PS3.3 C.11.2.1.2.1 / C.11.2.1.3.1 / C.11.2.1.3.2 (tolerance 1e-9).
    public static TheoryData<VoiLutFunction, double, double, double, double, double, double> Table => new()
    {
        // function, center, width, x, yMin, yMax, expected
        { VoiLutFunction.Linear, 40, 400, -160, 0, 1, 0 },                    // x ≤ c − 0.5 − (w−1)/2 = −160
        { VoiLutFunction.Linear, 40, 400, -159, 0, 1, 0.5 - (198.5 / 399) },   // ((−159 − 39.5)/399 + 0.5)
        { VoiLutFunction.Linear, 40, 400, 40, 0, 1, 0.5 + (0.5 / 399) },       // centre is half a step above 0.5
        { VoiLutFunction.Linear, 40, 400, 239, 0, 1, 1 },                      // upper edge c − 0.5 + (w−1)/2 = 239
        { VoiLutFunction.Linear, 40, 400, 239.5, 0, 1, 1 },
        { VoiLutFunction.Linear, 40, 400, 40, -1, 1, 1.0 / 399 },              // [−1, 1]: 2·(0.5 + 0.5/399) − 1
        { VoiLutFunction.Linear, 0, 1, -0.5, 0, 1, 0 },                        // w = 1: a threshold at c − 0.5
        { VoiLutFunction.Linear, 0, 1, -0.4, 0, 1, 1 },
        { VoiLutFunction.Linear, -600, 1500, -600, 0, 255, 255 * (0.5 + (0.5 / 1499)) },
        { VoiLutFunction.LinearExact, 60.5, 179, -29, 0, 1, 0 },               // sarcopenia range edges map exactly
        { VoiLutFunction.LinearExact, 60.5, 179, 150, 0, 1, 1 },
        { VoiLutFunction.LinearExact, 60.5, 179, 60.5, 0, 1, 0.5 },
        { VoiLutFunction.LinearExact, 60.5, 179, 0, 0, 1, 0.5 - (60.5 / 179) },
        { VoiLutFunction.LinearExact, 60.5, 179, 151, -1, 1, 1 },
        { VoiLutFunction.Sigmoid, 40, 400, 40, 0, 1, 0.5 },
        { VoiLutFunction.Sigmoid, 40, 400, 140, 0, 1, 1 / (1 + 0.36787944117144233) },   // 1/(1+e^−1)
        { VoiLutFunction.Sigmoid, 40, 400, -60, 0, 1, 1 / (1 + 2.718281828459045) },     // 1/(1+e^1)
        { VoiLutFunction.Sigmoid, 40, 400, 40, -1, 1, 0 },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Value_HandComputedTable_Matches(VoiLutFunction f, double c, double w, double x, double yMin, double yMax, double expected)
    {
        Assert.Equal(expected, VoiWindow.Value(x, c, w, f, yMin, yMax), 1e-9);
    }

    [Theory]
    [MemberData(nameof(Table))]
    public void Apply_Span_AgreesWithValue(VoiLutFunction f, double c, double w, double x, double yMin, double yMax, double expected)
    {
        float[] dst = new float[1];
        VoiWindow.Apply([(float)x], dst, c, w, f, yMin, yMax);
        Assert.Equal(expected, dst[0], 1e-5 * Math.Max(1, Math.Abs(yMax)));
    }

    [Theory]
    [InlineData(VoiLutFunction.Linear, 0.5)]
    [InlineData(VoiLutFunction.Linear, 0)]
    [InlineData(VoiLutFunction.Linear, -10)]
    [InlineData(VoiLutFunction.LinearExact, 0)]
    [InlineData(VoiLutFunction.Sigmoid, -1)]
    [InlineData(VoiLutFunction.Sigmoid, double.NaN)]
    public void Value_InvalidWidth_Throws(VoiLutFunction f, double width)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => VoiWindow.Value(0, 0, width, f));
        Assert.Contains("width", ex.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Apply_ImageWithSarcopeniaPreset_MapsRangeToUnitInterval()
    {
        var image = new Image2D(1, 1, 4, [-1000, -29, 150, 1000]);
        var result = VoiWindow.Apply(image, WindowPresets.Get("Sarcopenia-Muscle"));
        Assert.Equal([0f, 0f, 1f, 1f], result.Data);
    }

    [Theory]
    [InlineData("lung", -600, 1500)]
    [InlineData("BONE", 400, 1800)]
    [InlineData("soft-tissue", 40, 400)]
    [InlineData("soft-tissue-50", 50, 400)]
    [InlineData("brain", 40, 80)]
    [InlineData("abdomen", 40, 350)]
    [InlineData("sarcopenia-muscle", 60.5, 179)]
    public void WindowPresets_Get_CaseInsensitive(string name, double center, double width)
    {
        var p = WindowPresets.Get(name);
        Assert.Equal((center, width), (p.Center, p.Width));
    }

    [Fact]
    public void WindowPresets_Unknown_ListsKnownNames()
    {
        var ex = Assert.Throws<ArgumentException>(() => WindowPresets.Get("liver"));
        Assert.Contains("liver", ex.Message, StringComparison.Ordinal);
        foreach (string name in WindowPresets.Names)
        {
            Assert.Contains(name, ex.Message, StringComparison.Ordinal);
        }
    }
}
