using TorchSharp;
using static TorchSharp.torch;

namespace MLSeg.Training.Data;

/// <summary>
/// A <see cref="SegmentationDataset"/>'s images and label maps as two tensors on one device, uploaded once:
/// (N, C, H, W) float32 and (N, H, W) int64, in the dataset's order. Batches are gathered on the device, so a training
/// step copies nothing from the host.
/// </summary>
internal sealed class ResidentDataset : IDisposable
{
    private readonly Tensor images;
    private readonly Tensor labels;

    private ResidentDataset(Tensor images, Tensor labels)
    {
        this.images = images;
        this.labels = labels;
    }

    /// <summary>Device bytes <paramref name="data"/> takes when resident (4 bytes per pixel per channel plus 8 per label).</summary>
    public static long Bytes(SegmentationDataset data) =>
        (long)data.Count * data.Height * data.Width * ((4L * data.Channels) + 8L);

    /// <summary>Uploads <paramref name="data"/> to <paramref name="device"/>.</summary>
    public static ResidentDataset Upload(SegmentationDataset data, Device device)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(device);
        Tensor x = Batcher.Images(data.Select(s => s.Image).ToList(), device);
        try
        {
            return new ResidentDataset(x, Batcher.Labels(data.Select(s => s.Labels).ToList(), device));
        }
        catch
        {
            x.Dispose();
            throw;
        }
    }

    /// <summary>Rows <paramref name="start"/> … <paramref name="start"/> + <paramref name="count"/> − 1, as views (no copy).</summary>
    public (Tensor Images, Tensor Labels) Range(int start, int count) => (images.narrow(0, start, count), labels.narrow(0, start, count));

    /// <summary>The rows named by <paramref name="indices"/> (an int64 tensor on the same device), gathered into new tensors.</summary>
    public (Tensor Images, Tensor Labels) Gather(Tensor indices) => (images.index_select(0, indices), labels.index_select(0, indices));

    /// <inheritdoc />
    public void Dispose()
    {
        images.Dispose();
        labels.Dispose();
    }
}
