using MLSeg.Core.Randomness;
using MLSeg.Synthetic.Natural;

namespace MLSeg.Synthetic.Tests;

public class NaturalImageGeneratorTests
{
    [Fact]
    public void Generate_Cohort_ClassesBalancedWithinOne()
    {
        var g = new NaturalImageGenerator(new NaturalImageOptions { SizePx = 32 });
        var counts = Enumerable.Range(0, 100).Select(i => g.Generate(new SeedSource(3), i).ClassIndex).GroupBy(c => c).Select(x => x.Count()).ToList();
        Assert.Equal(NaturalImageGenerator.ClassCount, counts.Count);
        Assert.True(counts.Max() - counts.Min() <= 1);
    }

    [Fact]
    public void Generate_SameSeed_Identical()
    {
        var g = new NaturalImageGenerator(new NaturalImageOptions { SizePx = 48 });
        Assert.Equal(g.Generate(new SeedSource(3), 5).Image.Data, g.Generate(new SeedSource(3), 5).Image.Data);
        Assert.NotEqual(g.Generate(new SeedSource(3), 5).Image.Data, g.Generate(new SeedSource(4), 5).Image.Data);
    }

    [Fact]
    public void Generate_MaskMostCommonObjectLabel_IsTheClassShape()
    {
        // The class rule is visual: the dominant (largest) object's shape is the class's shape.
        var g = new NaturalImageGenerator(new NaturalImageOptions { SizePx = 64, Task = NaturalTask.Segmentation });
        for (int i = 0; i < 45; i++)
        {
            var s = g.Generate(new SeedSource(9), i);
            int shape = s.ClassIndex / NaturalImageGenerator.Textures.Count;
            int[] counts = new int[4];
            foreach (byte b in s.Mask.Labels)
            {
                counts[b]++;
            }

            int top = Array.IndexOf(counts, counts.Skip(1).Max(), 1);
            Assert.Equal(shape + 1, top);
        }
    }
}
