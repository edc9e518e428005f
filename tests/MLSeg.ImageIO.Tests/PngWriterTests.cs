using System.Text.Json;
using MLSeg.Core.Imaging;
using MLSeg.ImageIO.Png;
using MLSeg.TestKit;

namespace MLSeg.ImageIO.Tests;

public class PngWriterTests
{
    public static TheoryData<PngSampleFormat, int, int> Formats => new()
    {
        { PngSampleFormat.Gray8, 1, 255 },
        { PngSampleFormat.Gray16, 1, 65535 },
        { PngSampleFormat.Rgb8, 3, 255 },
    };

    [Theory]
    [MemberData(nameof(Formats))]
    public void Write_ThenRead_RoundTripsExactly(PngSampleFormat format, int channels, int max)
    {
        var rng = new Random(7);
        var image = new Image2D(channels, 9, 14, Enumerable.Range(0, channels * 9 * 14).Select(_ => (float)rng.Next(0, max + 1)).ToArray());
        string dir = RepoPaths.NewTempDir();
        try
        {
            string path = Path.Combine(dir, "rt.png");
            PngWriter.Write(path, image, format);
            Assert.Equal(image.Data, PngReader.ReadImage(path).Data);
            Assert.Single(Directory.GetFiles(dir));
            if (ExternalTools.SkipReason("py:PIL", "py:numpy") is null)
            {
                string json = ExternalTools.RunPython(
                    "import sys,json,numpy as np;from PIL import Image;a=np.array(Image.open(sys.argv[1])).astype(int);a=a.transpose(2,0,1) if a.ndim==3 else a;print(json.dumps(a.reshape(-1).tolist()))",
                    path);
                Assert.Equal(image.Data, JsonSerializer.Deserialize<int[]>(json)!.Select(v => (float)v));
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Theory]
    [InlineData(256f)]
    [InlineData(-1f)]
    [InlineData(float.NaN)]
    public void Write_ValueOutOfRange_Throws(float bad)
    {
        var image = new Image2D(1, 1, 2, [0, bad]);
        Assert.Throws<ArgumentOutOfRangeException>(() => PngWriter.Write(Path.Combine(Path.GetTempPath(), "never.png"), image, PngSampleFormat.Gray8));
    }

    [Fact]
    public void WriteLabels_ThenReadLabels_RoundTrips()
    {
        var labels = new LabelMap(3, 4, [0, 1, 2, 3, 255, 0, 1, 2, 9, 8, 7, 6]);
        string dir = RepoPaths.NewTempDir();
        try
        {
            string path = Path.Combine(dir, "m.png");
            PngWriter.WriteLabels(path, labels);
            Assert.Equal(labels.Labels, PngReader.ReadLabels(path).Labels);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
