using MLSeg.Core.Imaging;
using MLSeg.Core.Randomness;

namespace MLSeg.Training.Data;

/// <summary>
/// Augments one training pair. Implemented by the experiment runner on top of MLSeg.Transforms (this project may not
/// reference it); trainers call it on training samples only, never on validation data.
/// </summary>
public interface ISampleAugmenter
{
    /// <summary>
    /// Returns an augmented copy of the pair; must not modify its inputs, must keep the size, and must depend only on
    /// <paramref name="seed"/> (derived from the run seed, the epoch and the sample index) so runs are reproducible.
    /// </summary>
    (Image2D Image, LabelMap Labels) Augment(Image2D image, LabelMap labels, SeedSource seed);
}
