using MLSeg.Core.Imaging;
using MLSeg.Transforms.Geometry;

namespace MLSeg.Transforms.Tests;

public class PadCropTests
{
    [Fact]
    public void ToSize_PadConstant_CentresWithExtraAfter()
    {
        var image = new Image2D(1, 1, 2, [1, 2]);
        var (padded, plan) = PadCrop.ToSize(image, 2, 5, PadMode.Constant, -1);
        Assert.Equal([-1f, 1, 2, -1, -1, -1, -1, -1, -1, -1], padded.Data);
        Assert.Equal((0, 1), (plan.TargetTop, plan.TargetLeft));
    }

    [Fact]
    public void ToSize_PadEdge_ReplicatesBorder()
    {
        var image = new Image2D(1, 1, 2, [1, 2]);
        var (padded, _) = PadCrop.ToSize(image, 3, 4, PadMode.Edge);
        Assert.Equal([1f, 1, 2, 2, 1, 1, 2, 2, 1, 1, 2, 2], padded.Data);
    }

    [Fact]
    public void ToSize_Crop_TakesCentre()
    {
        var image = new Image2D(1, 1, 5, [1, 2, 3, 4, 5]);
        Assert.Equal([2f, 3, 4], PadCrop.ToSize(image, 1, 3).Image.Data);
    }

    [Theory]
    [InlineData(6, 7, 10, 10)]
    [InlineData(10, 10, 6, 7)]
    [InlineData(5, 12, 8, 3)]
    public void Invert_AfterPadOnly_RecoversLabelsExactly_AfterCropKeepsCentre(int h, int w, int th, int tw)
    {
        var rng = new Random(1);
        var labels = new LabelMap(h, w, Enumerable.Range(0, h * w).Select(_ => (byte)rng.Next(1, 4)).ToArray());
        var (resized, plan) = PadCrop.ToSize(labels, th, tw);
        var back = PadCrop.Invert(resized, plan);
        Assert.Equal((h, w), (back.Height, back.Width));
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                bool kept = y >= plan.SourceTop && y < plan.SourceTop + plan.CopyHeight && x >= plan.SourceLeft && x < plan.SourceLeft + plan.CopyWidth;
                Assert.Equal(kept ? labels[y, x] : (byte)0, back[y, x]);
            }
        }
    }
}
