using MLSeg.Core.Imaging;
using MLSeg.TestKit;
using MLSeg.Training.FineTuning;
using TorchSharp;
using static TorchSharp.torch;

namespace MLSeg.Training.Tests;

/// <summary>Batched held-out prediction against a per-image forward pass written out here.</summary>
public class SegmentationPredictorTests
{
    // Reference: one image, zero-padded bottom/right to the divisor by hand, forward, argmax, crop.
    private static byte[] Reference(TinySegNet net, Image2D image)
    {
        int div = net.Encoder.RequiredDivisor;
        int h = (image.Height + div - 1) / div * div, w = (image.Width + div - 1) / div * div;
        var padded = new float[h * w];
        for (int y = 0; y < image.Height; y++)
        {
            image.Data.AsSpan(y * image.Width, image.Width).CopyTo(padded.AsSpan(y * w, image.Width));
        }

        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        net.eval();
        long[] labels = net.forward(torch.tensor(padded, [1, 1, h, w])).argmax(1).contiguous().data<long>().ToArray();
        var result = new byte[image.Height * image.Width];
        for (int y = 0; y < image.Height; y++)
        {
            for (int x = 0; x < image.Width; x++)
            {
                result[(y * image.Width) + x] = (byte)labels[(y * w) + x];
            }
        }

        return result;
    }

    private static Image2D Noise(int height, int width, int seed)
    {
        var random = new Random(seed);
        var data = new float[height * width];
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = (float)((random.NextDouble() * 4) - 2);
        }

        return new Image2D(1, height, width, data, new PixelSpacing(0.7, 0.8));
    }

    [NativeFact]
    public void PredictBatch_MixedSizesBatchTwo_EqualsPerImageForwardInInputOrder()
    {
        using var net = new TinySegNet(1, 3, seed: 5);
        net.train();
        Image2D[] images = [Noise(16, 16, 1), Noise(15, 13, 2), Noise(16, 16, 3), Noise(16, 16, 4), Noise(15, 13, 5)];

        IReadOnlyList<LabelMap> maps = SegmentationPredictor.PredictBatch(net, images, batchSize: 2);

        Assert.True(net.training, "the network's mode is restored");
        Assert.Equal(images.Length, maps.Count);
        for (int i = 0; i < images.Length; i++)
        {
            Assert.Equal((images[i].Height, images[i].Width, images[i].SpacingMm), (maps[i].Height, maps[i].Width, maps[i].SpacingMm));
            Assert.Equal(Reference(net, images[i]), maps[i].Labels);
            Assert.Equal(maps[i].Labels, SegmentationPredictor.Predict(net, images[i]).Labels);
        }

        Assert.Contains(maps, m => m.Labels.Distinct().Count() > 1); // a constant map would make the comparison vacuous
    }

    [NativeFact]
    public void PredictBatch_BadInput_Throws()
    {
        using var net = new TinySegNet(1, 2, seed: 5);
        Assert.Empty(SegmentationPredictor.PredictBatch(net, []));
        Assert.Throws<ArgumentOutOfRangeException>(() => SegmentationPredictor.PredictBatch(net, [Noise(8, 8, 1)], batchSize: 0));
        var ex = Assert.Throws<ArgumentException>(() => SegmentationPredictor.PredictBatch(net, [Noise(8, 8, 1), new Image2D(2, 8, 8)]));
        Assert.Contains("Image 1 has 2 channels; the network takes 1", ex.Message, StringComparison.Ordinal);
    }
}
