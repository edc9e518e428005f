using MLSeg.Core.Imaging;
using MLSeg.Models.Contracts;
using MLSeg.Training.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace MLSeg.Training.FineTuning;

/// <summary>Whole-image inference: argmax of the network's logits in eval mode without autograd.</summary>
public static class SegmentationPredictor
{
    /// <summary>Images per forward pass of <see cref="PredictBatch"/> unless told otherwise.</summary>
    public const int DefaultBatchSize = 8;

    /// <summary>
    /// Predicts the label map of one image. An image whose height or width is not a multiple of the encoder's divisor
    /// is zero-padded on the bottom/right to the next multiple and the prediction cropped back, so any size works.
    /// The network's train/eval mode is restored afterwards.
    /// </summary>
    /// <param name="network">The trained network (on <paramref name="device"/>).</param>
    /// <param name="image">The image (C, H, W), normalised as in training.</param>
    /// <param name="device">Device the network lives on (CPU by default).</param>
    public static LabelMap Predict(SegmentationNetwork network, Image2D image, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        return PredictBatch(network, [image], device, 1)[0];
    }

    /// <summary>
    /// Predicts the label maps of many images, <paramref name="batchSize"/> same-sized images per forward pass, with one
    /// device-to-host copy per pass (a held-out fold evaluated on a GPU pays a launch sequence and a synchronisation per
    /// pass, not per image). Images of different sizes go in separate passes; the results keep the input order. Padding,
    /// cropping and the train/eval mode are as in <see cref="Predict"/>. In eval mode batch norm uses its running
    /// statistics, so an image's prediction does not depend on the other images of its pass.
    /// </summary>
    /// <param name="network">The trained network (on <paramref name="device"/>).</param>
    /// <param name="images">The images (C, H, W), normalised as in training.</param>
    /// <param name="device">Device the network lives on (CPU by default).</param>
    /// <param name="batchSize">Images per forward pass (≥ 1).</param>
    public static IReadOnlyList<LabelMap> PredictBatch(SegmentationNetwork network, IReadOnlyList<Image2D> images, Device? device = null, int batchSize = DefaultBatchSize)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(images);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        for (int i = 0; i < images.Count; i++)
        {
            ArgumentNullException.ThrowIfNull(images[i], $"images[{i}]");
            if (images[i].Channels != network.Encoder.InChannels)
            {
                throw new ArgumentException($"Image {i} has {images[i].Channels} channels; the network takes {network.Encoder.InChannels}.", nameof(images));
            }
        }

        if (network.NumClasses > byte.MaxValue + 1)
        {
            throw new ArgumentException($"A LabelMap holds class indices up to 255; the network has {network.NumClasses} classes.", nameof(network));
        }

        var results = new LabelMap[images.Count];
        bool wasTraining = network.training;
        network.eval();
        try
        {
            using var noGrad = torch.no_grad();
            foreach (var group in Enumerable.Range(0, images.Count).GroupBy(i => (images[i].Height, images[i].Width)))
            {
                foreach (int[] chunk in group.Chunk(batchSize))
                {
                    Image2D[] batch = chunk.Select(i => images[i]).ToArray();
                    LabelMap[] maps = Forward(network, batch, device);
                    for (int k = 0; k < chunk.Length; k++)
                    {
                        results[chunk[k]] = maps[k];
                    }
                }
            }

            return results;
        }
        finally
        {
            network.train(wasTraining);
        }
    }

    // One forward pass of same-sized images: pad to the encoder's divisor, argmax, crop, one copy to the host.
    private static LabelMap[] Forward(SegmentationNetwork network, Image2D[] batch, Device? device)
    {
        using var scope = torch.NewDisposeScope();
        Image2D first = batch[0];
        int div = network.Encoder.RequiredDivisor;
        int padH = ((first.Height + div - 1) / div * div) - first.Height;
        int padW = ((first.Width + div - 1) / div * div) - first.Width;
        Tensor x = Batcher.Images(batch, device);
        if (padH > 0 || padW > 0)
        {
            x = nn.functional.pad(x, [0, padW, 0, padH]);
        }

        Tensor labels = network.forward(x).argmax(1);
        if (padH > 0 || padW > 0)
        {
            labels = labels.narrow(1, 0, first.Height).narrow(2, 0, first.Width);
        }

        byte[] values = labels.to(ScalarType.Byte).cpu().contiguous().data<byte>().ToArray();
        int pixels = first.Height * first.Width;
        var maps = new LabelMap[batch.Length];
        for (int k = 0; k < batch.Length; k++)
        {
            maps[k] = new LabelMap(first.Height, first.Width, values.AsSpan(k * pixels, pixels).ToArray(), batch[k].SpacingMm);
        }

        return maps;
    }
}
