using MLSeg.Core.Imaging;

namespace MLSeg.Core.Tests;

public class ImageTypesTests
{
    [Fact]
    public void Image2D_Indexer_UsesChannelRowColumnOrder()
    {
        var img = new Image2D(2, 3, 4);
        img[1, 2, 3] = 5f;
        Assert.Equal(5f, img.Data[(1 * 12) + (2 * 4) + 3]);
        Assert.Equal(5f, img.Channel(1)[11]);
    }

    [Fact]
    public void Image2D_WrongBufferLength_NamesBothSizes()
    {
        var ex = Assert.Throws<ArgumentException>(() => new Image2D(1, 4, 4, new float[15]));
        Assert.Contains("15", ex.Message, StringComparison.Ordinal);
        Assert.Contains("16", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0, 1.0)]
    [InlineData(-1.0, 1.0)]
    [InlineData(1.0, double.NaN)]
    [InlineData(double.PositiveInfinity, 1.0)]
    public void PixelSpacing_NonPositiveOrNonFinite_Throws(double row, double col)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new LabelMap(2, 2, spacing: new PixelSpacing(row, col)));
    }

    [Fact]
    public void LabelMap_CountAndMaxLabel()
    {
        var map = new LabelMap(2, 3, [0, 1, 2, 2, 0, 1]);
        Assert.Equal(2, map.MaxLabel());
        Assert.Equal(2, map.Count(2));
        Assert.Equal([false, true, false, false, false, true], map.Mask(1));
    }

    [Fact]
    public void Volume_SliceImage_CopiesTheRightPlane()
    {
        var vol = new Volume(3, 2, 2, [.. Enumerable.Range(0, 12).Select(i => (float)i)], new PixelSpacing(0.5, 0.7), 2.5);
        Image2D s = vol.SliceImage(1);
        Assert.Equal([4f, 5f, 6f, 7f], s.Data);
        Assert.Equal(0.5, s.SpacingMm.RowMm);
    }
}
