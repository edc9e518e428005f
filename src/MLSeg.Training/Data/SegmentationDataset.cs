using System.Collections;
using MLSeg.Core.Randomness;

namespace MLSeg.Training.Data;

/// <summary>
/// An immutable list of same-sized <see cref="SegmentationSample"/>s with a seeded per-epoch order. Sizes and
/// channel counts are checked once here, so a batch can never mix shapes.
/// </summary>
public sealed class SegmentationDataset : IReadOnlyList<SegmentationSample>
{
    private readonly SegmentationSample[] samples;

    /// <summary>Wraps <paramref name="samples"/>; all must share channels, height and width.</summary>
    /// <param name="samples">The pairs, in a fixed (caller-defined, e.g. sorted by case) order.</param>
    /// <param name="name">Names the dataset in error messages (e.g. "training fold 0").</param>
    /// <exception cref="TrainingDataException">No samples, or samples of different sizes.</exception>
    public SegmentationDataset(IEnumerable<SegmentationSample> samples, string name = "dataset")
    {
        ArgumentNullException.ThrowIfNull(samples);
        this.samples = samples.ToArray();
        Name = name;
        if (this.samples.Length == 0)
        {
            throw new TrainingDataException($"{name} has no images; training needs at least one image with labels.");
        }

        var first = this.samples[0].Image;
        for (int i = 1; i < this.samples.Length; i++)
        {
            var img = this.samples[i].Image;
            if (img.Channels != first.Channels || img.Height != first.Height || img.Width != first.Width)
            {
                throw new TrainingDataException(
                    $"{name}: sample {i} is {img.Channels}x{img.Height}x{img.Width}, sample 0 is {first.Channels}x{first.Height}x{first.Width}; " +
                    "resample or crop every image to one size before training.");
            }
        }
    }

    /// <summary>Name used in messages.</summary>
    public string Name { get; }

    /// <summary>Image channels.</summary>
    public int Channels => samples[0].Image.Channels;

    /// <summary>Image height in pixels.</summary>
    public int Height => samples[0].Image.Height;

    /// <summary>Image width in pixels.</summary>
    public int Width => samples[0].Image.Width;

    /// <inheritdoc />
    public int Count => samples.Length;

    /// <inheritdoc />
    public SegmentationSample this[int index] => samples[index];

    /// <summary>Largest class index in any label map.</summary>
    public int MaxLabel() => samples.Max(s => s.Labels.MaxLabel());

    /// <summary>
    /// The order in which epoch <paramref name="epoch"/> visits the samples: a Fisher–Yates shuffle driven by
    /// <c>seed.Derive("shuffle").Derive(epoch)</c>, so any epoch's order is reproducible on its own (which is what
    /// makes resuming from a checkpoint identical to training straight through).
    /// </summary>
    public int[] EpochOrder(SeedSource seed, long epoch)
    {
        var order = Enumerable.Range(0, samples.Length).ToArray();
        seed.Derive("shuffle").Derive(epoch).CreateRandom().Shuffle(order);
        return order;
    }

    /// <inheritdoc />
    public IEnumerator<SegmentationSample> GetEnumerator() => ((IEnumerable<SegmentationSample>)samples).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => samples.GetEnumerator();
}
