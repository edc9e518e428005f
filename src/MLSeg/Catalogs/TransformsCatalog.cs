using MLSeg.Core.Caching;
using MLSeg.Core.Pipeline;
using MLSeg.Transforms;
using MLSeg.Transforms.Windowing;

namespace MLSeg.Catalogs;

/// <summary>Loading, windowing, normalising and resampling images and masks (<c>ctx.Transforms</c>).</summary>
public sealed class TransformsCatalog
{
    internal TransformsCatalog() { }

    /// <summary>Loads image files (DICOM in HU, NIfTI, PNG, NPY; chosen by content) from a path column into an image column.</summary>
    public LoadImageEstimator LoadImage(string inputColumn = LoadImageEstimator.Defaults.InputColumn, string outputColumn = LoadImageEstimator.Defaults.OutputColumn) =>
        new(inputColumn, outputColumn);

    /// <summary>
    /// As <see cref="LoadImage(string, string)"/>, keeping decoded images in <paramref name="cache"/> keyed by the content
    /// hash of each file (e.g. <c>ContentHashCache.FromEnvironment("artifacts/cache/preprocessed")</c>): later passes and
    /// later runs read them back instead of decoding.
    /// </summary>
    public LoadImageEstimator LoadImage(ContentHashCache cache, string inputColumn = LoadImageEstimator.Defaults.InputColumn,
        string outputColumn = LoadImageEstimator.Defaults.OutputColumn)
    {
        ArgumentNullException.ThrowIfNull(cache);
        return new(inputColumn, outputColumn, cache);
    }

    /// <summary>Loads mask files (PNG, NPY, NIfTI, DICOM-SEG) into a label column, aligned to <paramref name="imageColumn"/>'s grid (null: no alignment).</summary>
    public LoadMaskEstimator LoadMask(string inputColumn = LoadMaskEstimator.Defaults.InputColumn, string outputColumn = LoadMaskEstimator.Defaults.OutputColumn,
        string? imageColumn = LoadMaskEstimator.Defaults.ImageColumn) => new(inputColumn, outputColumn, imageColumn);

    /// <summary>Windows an image column to [0, 1] with a named preset (<see cref="WindowPresets.Names"/>: soft-tissue, sarcopenia-muscle, lung, …).</summary>
    /// <exception cref="ArgumentException">Unknown preset (the message lists the known ones).</exception>
    public WindowEstimator Window(string preset, string column = WindowEstimator.Defaults.Column) => new(WindowPresets.Get(preset), column);

    /// <summary>Windows an image column to [0, 1] with <paramref name="center"/> and <paramref name="width"/> (input units, e.g. HU).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Width ≤ 0 (or &lt; 1 for LINEAR).</exception>
    public WindowEstimator Window(double center, double width, string column = WindowEstimator.Defaults.Column,
        VoiLutFunction function = WindowEstimator.Defaults.Function) => new(new WindowPreset("custom", center, width, function), column);

    /// <summary>Z-scores an image column with the mean and standard deviation of the training view (learned in Fit).</summary>
    public IntensityNormalizerEstimator NormalizeZScore(string column = WellKnownColumns.Image) => new(column);

    /// <summary>Resizes the image (bilinear) and, unless <paramref name="labelColumn"/> is null, the label map (nearest) to <paramref name="height"/> × <paramref name="width"/>.</summary>
    public ResizeEstimator Resize(int height, int width, string imageColumn = ResizeEstimator.Defaults.ImageColumn, string? labelColumn = ResizeEstimator.Defaults.LabelColumn) =>
        new(height, width, imageColumn, labelColumn);

    /// <summary>Resizes to a square <paramref name="size"/> × <paramref name="size"/>.</summary>
    public ResizeEstimator Resize(int size, string imageColumn = ResizeEstimator.Defaults.ImageColumn, string? labelColumn = ResizeEstimator.Defaults.LabelColumn) =>
        new(size, size, imageColumn, labelColumn);

    /// <summary>Centre-pads or crops the image and, unless <paramref name="labelColumn"/> is null, the label map to <paramref name="height"/> × <paramref name="width"/>.</summary>
    public PadOrCropEstimator PadOrCrop(int height, int width, string imageColumn = PadOrCropEstimator.Defaults.ImageColumn,
        string? labelColumn = PadOrCropEstimator.Defaults.LabelColumn, float padValue = PadOrCropEstimator.Defaults.PadValue) =>
        new(height, width, imageColumn, labelColumn, padValue);
}
