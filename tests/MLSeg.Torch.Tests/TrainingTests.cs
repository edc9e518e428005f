using System.Diagnostics;
using System.Globalization;
using MLSeg.TestKit;
using MLSeg.Torch.NN;
using MLSeg.Torch.Optim;
using Xunit.Abstractions;

namespace MLSeg.Torch.Tests;

/// <summary>End-to-end training: modules, losses, autograd, optimizer and dispose scopes working together.</summary>
public class TrainingTests(ITestOutputHelper output)
{
    private const int Size = 32;

    /// <summary>Images of 1–3 bright disks (value 1, radius 4–8) on N(0, 0.3²) noise, with their masks.</summary>
    private static (float[] Images, long[] Masks) Disks(int count, int seed)
    {
        var rng = new Random(seed);
        var images = new float[count * Size * Size];
        var masks = new long[count * Size * Size];
        for (int n = 0; n < count; n++)
        {
            var disks = Enumerable.Range(0, rng.Next(1, 4)).Select(_ => (X: rng.Next(6, 26), Y: rng.Next(6, 26), R: rng.Next(4, 9))).ToArray();
            for (int y = 0; y < Size; y++)
            {
                for (int x = 0; x < Size; x++)
                {
                    bool inside = disks.Any(d => ((x - d.X) * (x - d.X)) + ((y - d.Y) * (y - d.Y)) <= d.R * d.R);
                    double u1 = 1 - rng.NextDouble();
                    double noise = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * rng.NextDouble()) * 0.3;
                    int i = (n * Size * Size) + (y * Size) + x;
                    images[i] = (float)((inside ? 1 : 0) + noise);
                    masks[i] = inside ? 1 : 0;
                }
            }
        }

        return (images, masks);
    }

    private static Sequential SmallCnn(Generator g) => new(
        new Conv2d(1, 8, 3, padding: 1, generator: g), new BatchNorm2d(8), new ReLU(),
        new Conv2d(8, 16, 3, padding: 1, generator: g), new BatchNorm2d(16), new ReLU(),
        new Conv2d(16, 16, 3, padding: 1, generator: g), new BatchNorm2d(16), new ReLU(),
        new Conv2d(16, 2, 1, generator: g));

    [NativeFact]
    public void SmallCnn_ToyDiskSegmentation_ReachesDiceAbove09()
    {
        const int train = 64;
        const int batch = 16;
        var (trainX, trainY) = Disks(train, seed: 1);
        var (testX, testY) = Disks(16, seed: 2);
        using var g = new Generator(3);
        using var model = SmallCnn(g);
        using var opt = new Adam(model.Parameters(), 1e-2);
        var clock = Stopwatch.StartNew();
        for (int step = 0; step < 120; step++)
        {
            using var scope = Torch.NewDisposeScope();
            int start = step * batch % train;
            var x = Torch.FromArray(trainX.AsSpan(start * Size * Size, batch * Size * Size), batch, 1, Size, Size);
            var y = Torch.FromArray(trainY.AsSpan(start * Size * Size, batch * Size * Size), batch, Size, Size);
            var logits = model.Forward(x);
            var loss = Functional.CrossEntropy(logits, y).Add(Functional.SoftDiceLoss(logits, y));
            opt.ZeroGrad();
            loss.Backward();
            opt.Step();
        }

        double seconds = clock.Elapsed.TotalSeconds;
        model.Eval();
        using (Torch.NoGrad())
        using (Torch.NewDisposeScope())
        {
            var x = Torch.FromArray(testX, 16, 1, Size, Size);
            long[] predicted = model.Forward(x).ArgMax(1).ToArray<long>();
            long intersection = 0;
            long total = 0;
            for (int i = 0; i < predicted.Length; i++)
            {
                intersection += predicted[i] == 1 && testY[i] == 1 ? 1 : 0;
                total += (predicted[i] == 1 ? 1 : 0) + (testY[i] == 1 ? 1 : 0);
            }

            double dice = 2.0 * intersection / total;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"held-out Dice {dice:F4}, training 120 steps took {seconds:F2} s"));
            Assert.True(dice > 0.9, string.Create(CultureInfo.InvariantCulture, $"held-out Dice {dice:F3} after 120 steps ({seconds:F1} s)"));
        }
    }

    [NativeFact]
    public void TrainingLoop_1000StepsInDisposeScopes_RssStaysFlat()
    {
        using var g = new Generator(4);
        using var model = new Sequential(new Conv2d(1, 8, 3, padding: 1, generator: g), new BatchNorm2d(8), new ReLU(), new Conv2d(8, 2, 1, generator: g));
        using var opt = new Sgd(model.Parameters(), 0.01, momentum: 0.9);
        using var x = Torch.Randn([4, 1, 24, 24], g);
        using var y = Torch.RandInt(0, 2, [4, 24, 24], g);
        long rssAt100 = 0;
        for (int step = 1; step <= 1000; step++)
        {
            using (Torch.NewDisposeScope())
            {
                var logits = model.Forward(x);
                var loss = Functional.CrossEntropy(logits, y);
                opt.ZeroGrad();
                loss.Backward();
                opt.Step();
            }

            if (step == 100)
            {
                rssAt100 = RssKb();
            }
        }

        long rssAt1000 = RssKb();
        double growth = (double)(rssAt1000 - rssAt100) / rssAt100;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"VmRSS {rssAt100} kB at step 100, {rssAt1000} kB at step 1000 ({growth:P2})"));
        Assert.True(growth < 0.05, string.Create(CultureInfo.InvariantCulture, $"VmRSS grew {growth:P1}: {rssAt100} kB at step 100, {rssAt1000} kB at step 1000"));
    }

    private static long RssKb()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        string line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture);
    }
}
