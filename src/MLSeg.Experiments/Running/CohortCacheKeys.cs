using System.Globalization;
using MLSeg.Core.Caching;
using MLSeg.Dicom;
using MLSeg.ImageIO;
using MLSeg.Transforms.Windowing;

namespace MLSeg.Experiments.Running;

/// <summary>
/// The <see cref="ContentKey"/>s under which <see cref="CohortData"/> caches a prepared image and its masks. A key holds
/// everything that shapes the value: the file bytes, the resolved window (centre, width, VOI LUT function), the resize
/// target, the class count (masks), the image reader types, and the code that decodes and preprocesses — the module
/// version ids of MLSeg.ImageIO, MLSeg.Dicom and MLSeg.Transforms (a deterministic build changes them only when their
/// code changes) plus <see cref="PreprocessingVersion"/> for the glue in <see cref="CohortData"/>. Intensity
/// normalisation is not in the key: it is applied per arm, after the cache, with training-fold statistics.
/// </summary>
internal sealed class CohortCacheKeys
{
    /// <summary>Bump when <see cref="CohortData"/>'s own preprocessing (gray conversion, mask preparation) changes.</summary>
    public const int PreprocessingVersion = 1;

    private static readonly string CodeVersion = string.Join(",",
        typeof(ImageLoader).Assembly.ManifestModule.ModuleVersionId.ToString("N"),
        typeof(DicomFile).Assembly.ManifestModule.ModuleVersionId.ToString("N"),
        typeof(VoiWindow).Assembly.ManifestModule.ModuleVersionId.ToString("N"));

    private readonly string _imageSettings;
    private readonly string _maskSettings;

    public CohortCacheKeys(WindowPreset? window, int size, int numClasses, ImageLoader loader)
    {
        string readers = string.Join(",", loader.Readers.Select(r => r.GetType().FullName));
        string windowText = window is null
            ? "none"
            : string.Create(CultureInfo.InvariantCulture, $"{window.Center:R}/{window.Width:R}/{window.Function}");
        string common = string.Create(CultureInfo.InvariantCulture, $"v={PreprocessingVersion};code={CodeVersion};readers={readers};size={size}");
        _imageSettings = $"cohort-image;{common};window={windowText};gray=bt601";
        _maskSettings = string.Create(CultureInfo.InvariantCulture, $"cohort-mask;{common};classes={numClasses}");
    }

    /// <summary>The key of the prepared image of the file whose bytes hash to <paramref name="imageDigest"/>.</summary>
    public ContentKey Image(string imageDigest) => ContentKey.FromDigests(_imageSettings, imageDigest);

    /// <summary>The key of a prepared mask; it depends on its image's key because the mask takes that image's grid and spacing.</summary>
    public ContentKey Mask(ContentKey imageKey, string maskDigest) => ContentKey.FromDigests($"{_maskSettings};image={imageKey.Hex}", maskDigest);
}
