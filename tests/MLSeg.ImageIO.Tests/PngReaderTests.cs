using System.Text.Json;
using MLSeg.Core.Errors;
using MLSeg.ImageIO.Png;
using MLSeg.TestKit;

namespace MLSeg.ImageIO.Tests;

public class PngReaderTests
{
    private static string Script(string name) => Path.Combine(RepoPaths.Root, "tests", "MLSeg.ImageIO.Tests", "References", name);

    [ToolFact("py:PIL", "py:numpy")]
    public void ReadImage_EveryModeDepthFilterAndInterlace_MatchesReferenceExactly()
    {
        string dir = RepoPaths.NewTempDir();
        try
        {
            string json = ExternalTools.Run(ExternalTools.Python, [Script("png_reference.py"), dir]);
            using var doc = JsonDocument.Parse(json);
            int checkedFiles = 0;
            foreach (var c in doc.RootElement.EnumerateArray())
            {
                string file = c.GetProperty("file").GetString()!;
                var image = PngReader.ReadImage(file);
                Assert.Equal(c.GetProperty("channels").GetInt32(), image.Channels);
                Assert.Equal(c.GetProperty("height").GetInt32(), image.Height);
                Assert.Equal(c.GetProperty("width").GetInt32(), image.Width);
                float[] expected = c.GetProperty("values").EnumerateArray().Select(v => (float)v.GetInt32()).ToArray();
                Assert.True(expected.AsSpan().SequenceEqual(image.Data), $"{Path.GetFileName(file)}: decoded samples differ from the reference");
                checkedFiles++;
            }

            Assert.True(checkedFiles >= 130, $"expected at least 130 reference PNGs, got {checkedFiles}");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [FixtureToolTheory("py:PIL", "py:numpy")]
    [InlineData("cardiac-png/image_train_example.png")]
    [InlineData("cardiac-png/image_val_example_0.png")]
    [InlineData("cardiac-png/mask_train_example.png")]
    [InlineData("cardiac-png/mask_val_example_0.png")]
    public void ReadImage_CardiacFixture_MatchesPil(string relative)
    {
        string path = Fixtures.Path(relative);
        string json = ExternalTools.RunPython(
            "import sys,json,numpy as np;from PIL import Image;a=np.array(Image.open(sys.argv[1])).astype(int);print(json.dumps(a.reshape(-1).tolist()))",
            path);
        int[] expected = JsonSerializer.Deserialize<int[]>(json)!;
        var image = PngReader.ReadImage(path);
        Assert.Equal((1, 128, 128), (image.Channels, image.Height, image.Width));
        Assert.Equal(expected.Select(v => (float)v), image.Data);
    }

    [FixtureFact]
    public void Decode_CardiacImage_IsInterlaced8BitGray()
    {
        var raster = PngReader.Decode(File.ReadAllBytes(Fixtures.Path("cardiac-png/image_train_example.png")), "img");
        Assert.True(raster.Interlaced);
        Assert.Equal(8, raster.BitDepth);
        Assert.Equal(PngColorType.Gray, raster.ColorType);
    }

    [FixtureFact]
    public void ReadLabels_Cardiac16BitMask_HasLabels0To2()
    {
        var raster = PngReader.Decode(File.ReadAllBytes(Fixtures.Path("cardiac-png/mask_train_example.png")), "mask");
        Assert.Equal(16, raster.BitDepth);
        var labels = PngReader.ReadLabels(Fixtures.Path("cardiac-png/mask_train_example.png"));
        Assert.Equal(2, labels.MaxLabel());
        Assert.True(labels.Count(1) > 0 && labels.Count(2) > 0);
        Assert.Equal(128 * 128, labels.Count(0) + labels.Count(1) + labels.Count(2));
    }

    [Fact]
    public void ReadLabels_16BitValueAbove255_NamesFileAndValue()
    {
        string dir = RepoPaths.NewTempDir();
        try
        {
            string path = Path.Combine(dir, "bad.png");
            var image = new Core.Imaging.Image2D(1, 2, 2, [0, 1, 300, 2]);
            PngWriter.Write(path, image, PngSampleFormat.Gray16);
            var ex = Assert.Throws<ImageFormatException>(() => PngReader.ReadLabels(path));
            Assert.Contains("bad.png", ex.Message, StringComparison.Ordinal);
            Assert.Contains("300", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Decode_CorruptCrc_ThrowsWithChunkOffset()
    {
        byte[] bytes = PngTestFiles.Gray8(3, 2);
        bytes[8 + 8 + 3] ^= 0xFF; // a byte inside IHDR's body
        var ex = Assert.Throws<ImageFormatException>(() => PngReader.Decode(bytes, "x.png"));
        Assert.Equal(8, ex.Offset);
        Assert.Contains("CRC", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_ChunkLengthBeyondFile_ThrowsBeforeAllocating()
    {
        byte[] bytes = PngTestFiles.Gray8(3, 2);
        bytes[8] = 0x7F; // IHDR length → ~2 GB
        var ex = Assert.Throws<ImageFormatException>(() => PngReader.Decode(bytes, "x.png"));
        Assert.Contains("exceeds", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47 })]
    [InlineData(new byte[] { 0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0, 0, 0, 0 })]
    public void Decode_NotPng_ThrowsAtOffsetZero(byte[] bytes)
    {
        var ex = Assert.Throws<ImageFormatException>(() => PngReader.Decode(bytes, "x.png"));
        Assert.Equal(0, ex.Offset);
    }

    [Fact]
    public void Decode_TruncatedBeforeIend_Throws()
    {
        byte[] bytes = PngTestFiles.Gray8(3, 2);
        var ex = Assert.Throws<ImageFormatException>(() => PngReader.Decode(bytes.AsSpan(0, bytes.Length - 12), "x.png"));
        Assert.Contains("truncated", ex.Message, StringComparison.Ordinal);
    }
}
