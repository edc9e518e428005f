using MLSeg.Core.Imaging;
using TorchSharp;
using static TorchSharp.torch;

namespace MLSeg.Training.Data;

/// <summary>Packs images and label maps into batch tensors: (N, C, H, W) float32 and (N, H, W) int64.</summary>
public static class Batcher
{
    /// <summary>Stacks same-sized images into an (N, C, H, W) float32 tensor on <paramref name="device"/>.</summary>
    public static Tensor Images(IReadOnlyList<Image2D> images, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (images.Count == 0)
        {
            throw new ArgumentException("A batch needs at least one image.", nameof(images));
        }

        var first = images[0];
        int per = first.Data.Length;
        var buffer = new float[(long)per * images.Count];
        for (int n = 0; n < images.Count; n++)
        {
            var img = images[n];
            if (img.Channels != first.Channels || img.Height != first.Height || img.Width != first.Width)
            {
                throw new ArgumentException($"Batch image {n} is {img.Channels}x{img.Height}x{img.Width}; image 0 is {first.Channels}x{first.Height}x{first.Width}.", nameof(images));
            }

            img.Data.AsSpan().CopyTo(buffer.AsSpan(n * per, per));
        }

        return OnDevice(torch.tensor(buffer, [images.Count, first.Channels, first.Height, first.Width]), device);
    }

    /// <summary>Stacks same-sized label maps into an (N, H, W) int64 tensor on <paramref name="device"/>.</summary>
    public static Tensor Labels(IReadOnlyList<LabelMap> labels, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Count == 0)
        {
            throw new ArgumentException("A batch needs at least one label map.", nameof(labels));
        }

        var first = labels[0];
        int per = first.Labels.Length;
        var buffer = new long[(long)per * labels.Count];
        for (int n = 0; n < labels.Count; n++)
        {
            var map = labels[n];
            if (map.Height != first.Height || map.Width != first.Width)
            {
                throw new ArgumentException($"Batch label map {n} is {map.Height}x{map.Width}; map 0 is {first.Height}x{first.Width}.", nameof(labels));
            }

            var src = map.Labels.AsSpan();
            var dst = buffer.AsSpan(n * per, per);
            for (int i = 0; i < src.Length; i++)
            {
                dst[i] = src[i];
            }
        }

        return OnDevice(torch.tensor(buffer, [labels.Count, first.Height, first.Width]), device);
    }

    /// <summary>Both tensors of a batch of pairs.</summary>
    public static (Tensor Images, Tensor Labels) Pairs(IReadOnlyList<SegmentationSample> samples, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(samples);
        return (Images(samples.Select(s => s.Image).ToList(), device), Labels(samples.Select(s => s.Labels).ToList(), device));
    }

    // Moves t to device (disposing the original) unless it is there already.
    internal static Tensor OnDevice(Tensor t, Device? device)
    {
        if (device is null || (device.type == t.device_type && device.index == t.device_index))
        {
            return t;
        }

        using (t)
        {
            return t.to(device);
        }
    }
}
