using MLSeg.Core.Imaging;
using MLSeg.Training.Data;

namespace MLSeg.Training.Tests;

/// <summary>Synthetic images: 1–2 bright disks on Gaussian noise, with masks (label 1 inside a disk).</summary>
internal static class TestData
{
    public static List<SegmentationSample> Disks(int count, int size, int seed, double noise = 0.2, int channels = 1)
    {
        var rng = new Random(seed);
        var result = new List<SegmentationSample>(count);
        for (int n = 0; n < count; n++)
        {
            var disks = Enumerable.Range(0, rng.Next(1, 3)).Select(_ => (X: rng.Next(4, size - 4), Y: rng.Next(4, size - 4), R: rng.Next(3, (size / 4) + 1))).ToArray();
            var image = new Image2D(channels, size, size);
            var labels = new LabelMap(size, size);
            for (int y = 0; y < size; y++)
            {
                for (int x = 0; x < size; x++)
                {
                    bool inside = disks.Any(d => ((x - d.X) * (x - d.X)) + ((y - d.Y) * (y - d.Y)) <= d.R * d.R);
                    labels[y, x] = (byte)(inside ? 1 : 0);
                    for (int c = 0; c < channels; c++)
                    {
                        double u1 = 1 - rng.NextDouble();
                        double g = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * rng.NextDouble());
                        image[c, y, x] = (float)((inside ? 1 : 0) + (noise * g));
                    }
                }
            }

            result.Add(new SegmentationSample(image, labels));
        }

        return result;
    }

    public static SegmentationDataset Dataset(int count, int size, int seed, string name = "test") => new(Disks(count, size, seed), name);
}
