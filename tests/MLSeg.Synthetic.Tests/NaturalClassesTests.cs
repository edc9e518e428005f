using MLSeg.Core.Randomness;
using MLSeg.Synthetic.Natural;

namespace MLSeg.Synthetic.Tests;

public class NaturalClassesTests
{
    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(9)]
    [InlineData(36)]
    public void Generate_WithClassCount_UsesExactlyThatManyBalancedClasses(int classes)
    {
        var generator = new NaturalImageGenerator(new NaturalImageOptions { SizePx = 16, Classes = classes });
        var counts = Enumerable.Range(0, classes * 4).Select(i => generator.Generate(new SeedSource(3), i).ClassName)
            .GroupBy(n => n).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(classes, counts.Count);
        Assert.All(counts.Values, c => Assert.Equal(4, c));
    }

    [Fact]
    public void Generate_SixClasses_OnePerShape()
    {
        var generator = new NaturalImageGenerator(new NaturalImageOptions { SizePx = 16, Classes = 6 });
        var shapes = Enumerable.Range(0, 6).Select(i => generator.Generate(new SeedSource(1), i).ClassName.Split('-')[0]).ToHashSet();
        Assert.Equal(NaturalImageGenerator.Shapes.ToHashSet(), shapes);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(37)]
    public void Options_ClassCountOutOfRange_Throws(int classes)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new NaturalImageOptions { Classes = classes }.Validate());
    }
}
