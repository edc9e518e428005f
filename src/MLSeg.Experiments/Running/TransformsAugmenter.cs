using MLSeg.Core.Imaging;
using MLSeg.Core.Randomness;
using MLSeg.Experiments.Specs;
using MLSeg.Training.Data;
using MLSeg.Transforms.Augmentation;

namespace MLSeg.Experiments.Running;

/// <summary>Fine-tuning augmentation from the spec's <c>finetune.augmentation</c>, applied with MLSeg.Transforms' seeded kernels.</summary>
public sealed class TransformsAugmenter : ISampleAugmenter
{
    private readonly AugmentationOptions options;

    /// <summary>Maps the spec's flip / rotation / scale / intensity settings to kernel options.</summary>
    public TransformsAugmenter(AugmentationSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        double intensity = spec.Intensity ?? 0;
        options = new AugmentationOptions
        {
            FlipXProbability = spec.Flip == true ? 0.5 : 0,
            MaxRotationDegrees = spec.RotateDeg ?? 0,
            ScaleRange = spec.Scale ?? 0,
            GainRange = intensity,
            BiasRange = intensity,
        };
    }

    /// <summary>Whether the spec asks for any augmentation at all.</summary>
    public static bool Requested(AugmentationSpec? spec) =>
        spec is not null && (spec.Flip == true || (spec.RotateDeg ?? 0) > 0 || (spec.Scale ?? 0) > 0 || (spec.Intensity ?? 0) > 0);

    /// <inheritdoc />
    public (Image2D Image, LabelMap Labels) Augment(Image2D image, LabelMap labels, SeedSource seed)
    {
        AugmentationDraw draw = Augmenter.Sample(seed, options);
        return (Augmenter.ApplyToImage(image, draw), Augmenter.ApplyToLabels(labels, draw));
    }
}
