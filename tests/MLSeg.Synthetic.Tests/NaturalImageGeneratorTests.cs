using MLSeg.Core.Randomness;
using MLSeg.Synthetic.Natural;
using Xunit.Abstractions;

namespace MLSeg.Synthetic.Tests;

public class NaturalImageGeneratorTests(ITestOutputHelper output)
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
    public void Generate_Segmentation_DominantObjectCarriesItsFamilyLabel_AndOthersOverlap()
    {
        // The dominant object's shape family (round 1, angular 2, spiky 3) is in the mask with at least the area of a
        // small star; most images hold objects of more than one family, and the objects' outlines meet (occlusion).
        var g = new NaturalImageGenerator(new NaturalImageOptions { SizePx = 64, Task = NaturalTask.Segmentation });
        int multiFamily = 0;
        for (int i = 0; i < 72; i++)
        {
            var s = g.Generate(new SeedSource(9), i);
            int family = (s.ClassIndex / NaturalImageGenerator.Textures.Count / 2) + 1;
            int[] counts = new int[4];
            foreach (byte b in s.Mask.Labels)
            {
                counts[b]++;
            }

            Assert.True(counts[family] >= 0.04 * s.Mask.Labels.Length, $"image {i} ({s.ClassName}): family {family} covers {counts[family]} px");
            multiFamily += counts.Skip(1).Count(c => c > 0) >= 2 ? 1 : 0;
        }

        Assert.InRange(multiFamily, 30, 72);
    }

    [Fact]
    public void Generate_Textures_DifferInEdgeDensity()
    {
        // Smooth shading has few strong edges, stripes/checker/dots/rings many: the textures carry distinct low-level
        // statistics (measured over the whole image, so background and other objects dilute the difference).
        var g = new NaturalImageGenerator(new NaturalImageOptions { SizePx = 64 });
        var edgeDensity = new Dictionary<string, List<double>>();
        for (int i = 0; i < 144; i++)
        {
            var s = g.Generate(new SeedSource(5), i);
            var grey = s.Image;
            int n = grey.Width;
            int edges = 0;
            for (int y = 0; y < n; y++)
            {
                for (int x = 1; x < n; x++)
                {
                    double d = 0;
                    for (int c = 0; c < 3; c++)
                    {
                        d += Math.Abs(grey[c, y, x] - grey[c, y, x - 1]);
                    }

                    edges += d > 60 ? 1 : 0;
                }
            }

            string texture = s.ClassName.Split('-')[1];
            edgeDensity.TryAdd(texture, []);
            edgeDensity[texture].Add(edges / (double)(n * (n - 1)));
        }

        output.WriteLine(string.Join(", ", edgeDensity.Select(k => $"{k.Key} {k.Value.Average():F3}")));
        Assert.Equal(NaturalImageGenerator.Textures.Count, edgeDensity.Count);
        foreach (string busy in new[] { "stripes", "checker", "dots", "rings" })
        {
            Assert.True(edgeDensity[busy].Average() > 1.25 * edgeDensity["shading"].Average(), $"{busy} should have more strong edges than smooth shading");
        }
    }
}
