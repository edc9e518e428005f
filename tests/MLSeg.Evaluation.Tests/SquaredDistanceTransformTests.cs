using MLSeg.Evaluation.Distances;

namespace MLSeg.Evaluation.Tests;

public class SquaredDistanceTransformTests
{
    public static TheoryData<int, int, double, double, int> Grids => new()
    {
        { 1, 1, 1.0, 1.0, 1 },
        { 7, 1, 0.5, 2.0, 2 },
        { 1, 9, 0.5, 2.0, 3 },
        { 13, 17, 1.0, 1.0, 4 },
        { 21, 11, 0.3, 1.7, 5 },
        { 16, 16, 2.5, 0.4, 6 },
    };

    [Theory]
    [MemberData(nameof(Grids))]
    public void Compute_RandomSites_EqualsBruteForce(int h, int w, double rowMm, double colMm, int seed)
    {
        var rng = new Random(seed);
        var sites = new byte[h * w];
        for (int i = 0; i < sites.Length; i++)
        {
            sites[i] = rng.NextDouble() < 0.08 ? (byte)1 : (byte)0;
        }

        sites[rng.Next(sites.Length)] = 1;
        var output = new double[h * w];

        new SquaredDistanceTransform().Compute(sites, h, w, rowMm, colMm, output);

        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                double best = double.PositiveInfinity;
                for (int i = 0; i < sites.Length; i++)
                {
                    if (sites[i] != 0)
                    {
                        double dy = ((i / w) - y) * rowMm;
                        double dx = ((i % w) - x) * colMm;
                        best = Math.Min(best, (dy * dy) + (dx * dx));
                    }
                }

                Assert.True(Math.Abs(best - output[(y * w) + x]) <= 1e-9 * Math.Max(1, best), $"({y},{x}): brute force {best}, EDT {output[(y * w) + x]}");
            }
        }
    }

    [Fact]
    public void Compute_NoSites_AllInfinite()
    {
        var output = new double[6];

        new SquaredDistanceTransform().Compute(new byte[6], 2, 3, 1, 1, output);

        Assert.All(output, v => Assert.True(double.IsPositiveInfinity(v)));
    }

    [Fact]
    public void MaskBorder_FilledSquareInsideImage_OnlyOutlineIsBorder()
    {
        var mask = new byte[25];
        for (int y = 1; y <= 3; y++)
        {
            for (int x = 1; x <= 3; x++)
            {
                mask[(y * 5) + x] = 1;
            }
        }

        var border = new byte[25];

        int n = MaskBorder.Extract(mask, 5, 5, border);

        Assert.Equal(8, n);
        Assert.Equal(0, border[12]);
    }

    [Fact]
    public void MaskBorder_FullImage_EdgePixelsAreBorder()
    {
        var mask = Enumerable.Repeat((byte)1, 16).ToArray();
        var border = new byte[16];

        Assert.Equal(12, MaskBorder.Extract(mask, 4, 4, border));
    }
}
