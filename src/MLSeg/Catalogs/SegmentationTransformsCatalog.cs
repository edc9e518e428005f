using Microsoft.ML;
using MLSeg.Core.Caching;
using MLSeg.Data;
using MLSeg.Transforms;
using MLSeg.Transforms.Augmentation;
using MLSeg.Transforms.Windowing;

namespace MLSeg;

/// <summary>
/// MLSeg's image transforms on ML.NET's <c>ml.Transforms</c> catalog: loading, windowing, normalising, resampling,
/// augmenting and turning images into tensors. Column arguments follow ML.NET's order: output column first, then input.
/// </summary>
public static class SegmentationTransformsCatalog
{
    /// <summary>
    /// Loads image files (DICOM in HU, NIfTI, PNG, NPY; chosen by content) named in a text column into an image column.
    /// With <paramref name="cache"/> (e.g. <c>ContentHashCache.FromEnvironment("artifacts/cache/preprocessed")</c>) decoded
    /// images are kept by the content hash of each file, so later passes and later runs skip decoding.
    /// </summary>
    public static LoadImageEstimator LoadImage(this TransformsCatalog catalog, string outputColumnName = WellKnownColumns.Image,
        string inputColumnName = ManifestColumns.ImagePath, ContentHashCache? cache = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new(new LoadImageTransformer(inputColumnName, outputColumnName, dicomOnly: false, cache));
    }

    /// <summary>As <see cref="LoadImage"/>, accepting DICOM files only (Modality LUT applied: HU for CT); another format fails naming the file.</summary>
    public static LoadImageEstimator LoadDicom(this TransformsCatalog catalog, string outputColumnName = WellKnownColumns.Image,
        string inputColumnName = ManifestColumns.ImagePath, ContentHashCache? cache = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new(new LoadImageTransformer(inputColumnName, outputColumnName, dicomOnly: true, cache));
    }

    /// <summary>Loads mask files (PNG, NPY, NIfTI, DICOM-SEG) into a label column, on <paramref name="imageColumnName"/>'s grid (null: no alignment).</summary>
    public static LoadMaskEstimator LoadMask(this TransformsCatalog catalog, string outputColumnName = WellKnownColumns.Label,
        string inputColumnName = ManifestColumns.MaskPath, string? imageColumnName = WellKnownColumns.Image)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new(new LoadMaskTransformer(inputColumnName, outputColumnName, imageColumnName));
    }

    /// <summary>Windows an image column to [0, 1] with a named preset (<see cref="WindowPresets.Names"/>: soft-tissue, sarcopenia-muscle, lung, …).</summary>
    /// <exception cref="ArgumentException">Unknown preset (the message lists the known ones).</exception>
    public static WindowEstimator Window(this TransformsCatalog catalog, string preset, string outputColumnName = WellKnownColumns.Image, string? inputColumnName = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new(new WindowTransformer(WindowPresets.Get(preset), inputColumnName ?? outputColumnName, outputColumnName));
    }

    /// <summary>Windows an image column to [0, 1] with <paramref name="center"/> and <paramref name="width"/> (input units, e.g. HU).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Width ≤ 0 (or &lt; 1 for LINEAR).</exception>
    public static WindowEstimator Window(this TransformsCatalog catalog, double center, double width, string outputColumnName = WellKnownColumns.Image,
        string? inputColumnName = null, VoiLutFunction function = VoiLutFunction.Linear)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new(new WindowTransformer(new WindowPreset("custom", center, width, function), inputColumnName ?? outputColumnName, outputColumnName));
    }

    /// <summary>Z-scores an image column in place with the mean and standard deviation of the training view (learned in Fit).</summary>
    public static IntensityNormalizerEstimator NormalizeIntensity(this TransformsCatalog catalog, string columnName = WellKnownColumns.Image)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new(columnName);
    }

    /// <summary>Resizes the image (bilinear) and, unless <paramref name="labelColumnName"/> is null, the label map (nearest) to <paramref name="height"/> × <paramref name="width"/>.</summary>
    public static ResizeEstimator Resize(this TransformsCatalog catalog, int height, int width, string imageColumnName = WellKnownColumns.Image,
        string? labelColumnName = WellKnownColumns.Label)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new(new ResizeTransformer(height, width, imageColumnName, labelColumnName));
    }

    /// <summary>Resizes to a square <paramref name="size"/> × <paramref name="size"/>.</summary>
    public static ResizeEstimator Resize(this TransformsCatalog catalog, int size, string imageColumnName = WellKnownColumns.Image,
        string? labelColumnName = WellKnownColumns.Label) => catalog.Resize(size, size, imageColumnName, labelColumnName);

    /// <summary>Centre-pads or crops the image and, unless <paramref name="labelColumnName"/> is null, the label map to <paramref name="height"/> × <paramref name="width"/>.</summary>
    public static PadOrCropEstimator PadOrCrop(this TransformsCatalog catalog, int height, int width, string imageColumnName = WellKnownColumns.Image,
        string? labelColumnName = WellKnownColumns.Label, float padValue = 0f)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new(new PadOrCropTransformer(height, width, imageColumnName, labelColumnName, padValue));
    }

    /// <summary>
    /// Seeded augmentation of the image and (unless null) the label map, moved together; the seed derives from the
    /// MLContext's seed (component <c>transforms.augment</c>, numbered per call).
    /// </summary>
    public static AugmentEstimator Augment(this TransformsCatalog catalog, AugmentationOptions options, string imageColumnName = WellKnownColumns.Image,
        string? labelColumnName = WellKnownColumns.Label)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var seed = Pipeline.ContextSeeds.Of(Pipeline.MLNetInternals.EnvironmentOf(catalog)).Next("transforms.augment");
        return new(new AugmentTransformer(options, seed, imageColumnName, labelColumnName));
    }

    /// <summary>
    /// A fixed-size image column (after Resize or PadOrCrop) as a <c>Vector&lt;Single&gt;</c> with dimensions
    /// <paramref name="channels"/> × height × width, for built-in ML.NET transforms and <c>ApplyOnnxModel</c>.
    /// </summary>
    public static ToTensorEstimator ToTensor(this TransformsCatalog catalog, string outputColumnName = WellKnownColumns.Tensor,
        string inputColumnName = WellKnownColumns.Image, int channels = 1)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new(new ToTensorTransformer(inputColumnName, outputColumnName, channels));
    }
}
