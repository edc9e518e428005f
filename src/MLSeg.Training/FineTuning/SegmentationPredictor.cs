using MLSeg.Core.Imaging;
using MLSeg.Models.Contracts;
using MLSeg.Training.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace MLSeg.Training.FineTuning;

/// <summary>Whole-image inference: argmax of the network's logits in eval mode without autograd.</summary>
public static class SegmentationPredictor
{
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
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(image);
        if (image.Channels != network.Encoder.InChannels)
        {
            throw new ArgumentException($"Image has {image.Channels} channels; the network takes {network.Encoder.InChannels}.", nameof(image));
        }

        if (network.NumClasses > byte.MaxValue + 1)
        {
            throw new ArgumentException($"A LabelMap holds class indices up to 255; the network has {network.NumClasses} classes.", nameof(network));
        }

        bool wasTraining = network.training;
        network.eval();
        try
        {
            using var noGrad = torch.no_grad();
            using var scope = torch.NewDisposeScope();
            int div = network.Encoder.RequiredDivisor;
            int padH = ((image.Height + div - 1) / div * div) - image.Height;
            int padW = ((image.Width + div - 1) / div * div) - image.Width;
            Tensor x = Batcher.Images([image], device);
            if (padH > 0 || padW > 0)
            {
                x = nn.functional.pad(x, [0, padW, 0, padH]);
            }

            Tensor labels = network.forward(x).argmax(1).select(0, 0);
            if (padH > 0 || padW > 0)
            {
                labels = labels.narrow(0, 0, image.Height).narrow(1, 0, image.Width).contiguous();
            }

            long[] values = labels.cpu().contiguous().data<long>().ToArray();
            var result = new byte[values.Length];
            for (int i = 0; i < values.Length; i++)
            {
                result[i] = (byte)values[i];
            }

            return new LabelMap(image.Height, image.Width, result, image.SpacingMm);
        }
        finally
        {
            network.train(wasTraining);
        }
    }
}
