using System.Buffers.Binary;
using System.Text.Json;
using MLSeg.Charts.Html;
using MLSeg.Charts.Plots;
using MLSeg.Charts.Report;
using MLSeg.TestKit;

namespace MLSeg.Charts.Tests;

public class BlandAltmanAndExportTests
{
    [Fact]
    public void BlandAltman_HandComputedPairs_DrawsBiasAndLimitsOfAgreement()
    {
        // differences 1, 0, −1, 2: bias 0.5; sample SD √(5/3) = 1.290994; limits 0.5 ± 1.96·SD
        double sd = Math.Sqrt(5.0 / 3.0);
        using var json = JsonDocument.Parse(ChartHtml.FigureJson(BlandAltmanChart.Create([10, 12, 14, 16], [9, 12, 15, 14], "muscle area (cm²)", "model", "reader")));
        double[] lines = json.RootElement.GetProperty("layout").GetProperty("shapes").EnumerateArray().Select(s => s.GetProperty("y0").GetDouble()).ToArray();
        Assert.Equal(3, lines.Length);
        Assert.Equal(0.5, lines[0], 9);
        Assert.Equal(0.5 - (1.96 * sd), lines[1], 9);
        Assert.Equal(0.5 + (1.96 * sd), lines[2], 9);
        double[] x = json.RootElement.GetProperty("data")[0].GetProperty("x").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        Assert.Equal([9.5, 12, 14.5, 15], x); // means of the pairs
    }

    [Fact]
    public void BlandAltman_UnpairedInput_Throws()
    {
        Assert.Throws<ArgumentException>(() => BlandAltmanChart.Create([1, 2, 3], [1, 2], "q", "a", "b"));
    }

    [ToolFact("/usr/bin/chromium")]
    public void SavePng_RendersTheFigureAtTheRequestedSize()
    {
        string dir = RepoPaths.NewTempDir();
        try
        {
            string png = Path.Combine(dir, "ba.png");
            ChromiumExport.SavePng(BlandAltmanChart.Create([10, 12, 14, 16], [9, 12, 15, 14], "area", "a", "b"), png, 640, 400);
            byte[] bytes = File.ReadAllBytes(png);
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
            Assert.Equal(640, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)));
            Assert.Equal(400, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
            Assert.True(bytes.Length > 5000, "a rendered chart, not a blank page");
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
