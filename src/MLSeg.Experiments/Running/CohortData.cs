using System.Collections.Concurrent;
using MLSeg.Core.Caching;
using MLSeg.Core.Imaging;
using MLSeg.Core.IO;
using MLSeg.Core.Randomness;
using MLSeg.Experiments.Specs;
using MLSeg.ImageIO;
using MLSeg.Synthetic;
using MLSeg.Synthetic.Ct;
using MLSeg.Synthetic.Manifest;
using MLSeg.Synthetic.Mr;
using MLSeg.Synthetic.Natural;
using MLSeg.Synthetic.Writing;
using MLSeg.Training.Pretraining;
using MLSeg.Transforms.Geometry;
using MLSeg.Transforms.Windowing;

namespace MLSeg.Experiments.Running;

/// <summary>
/// Resolves a spec's cohort to a manifest (generating a <c>synth:</c> cohort deterministically when absent) and loads
/// every reference image through the spec's preprocessing: window (PS3.3 C.11.2.1.2 VOI LUT to [0, 1]) and resize
/// (bilinear image, nearest labels). Labels at or above the model's class count become background — a 2-class L3
/// model segments muscle (1) and ignores the fat labels (2, 3) the phantom also carries.
/// </summary>
public sealed class CohortData
{
    // Generating a synthetic cohort takes seconds to minutes; an hour without progress means something is stuck.
    private static readonly TimeSpan SynthLockTimeout = TimeSpan.FromHours(1);

    private CohortData(string manifestPath, IReadOnlyList<PreparedCase> cases)
    {
        ManifestPath = manifestPath;
        Cases = cases;
    }

    /// <summary>The manifest the cases came from.</summary>
    public string ManifestPath { get; }

    /// <summary>One entry per reference (observer-less) manifest row, in manifest order.</summary>
    public IReadOnlyList<PreparedCase> Cases { get; }

    /// <summary>Sorted distinct patient ids.</summary>
    public IReadOnlyList<string> Patients => Cases.Select(c => c.PatientId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    /// <summary>The manifest of <paramref name="cohort"/>: the given file, or a synthetic cohort generated into <paramref name="synthRoot"/>.</summary>
    public static string ResolveManifest(CohortSpec cohort, string specFile, string synthRoot)
    {
        ArgumentNullException.ThrowIfNull(cohort);
        if (ManifestFile(cohort, specFile) is { } path)
        {
            return path;
        }

        SynthSpec synth = cohort.Synth ?? throw new ArgumentException($"{specFile}: the cohort needs a manifest or a synth block.");
        return GenerateSynthetic(synth, NaturalTask.Classification, synthRoot);
    }

    /// <summary>The manifest file of a <c>manifest:</c> cohort (relative to the spec's folder), or null for a synthetic cohort.</summary>
    /// <exception cref="FileNotFoundException">The manifest does not exist.</exception>
    public static string? ManifestFile(CohortSpec cohort, string specFile)
    {
        ArgumentNullException.ThrowIfNull(cohort);
        if (cohort.Manifest is not { } manifest)
        {
            return null;
        }

        string path = Path.IsPathRooted(manifest) ? manifest : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(specFile)) ?? ".", manifest));
        return File.Exists(path) ? path : throw new FileNotFoundException($"{specFile}: cohort manifest '{manifest}' not found (looked at {path}).", path);
    }

    /// <summary>
    /// Generates (once; reused when its manifest exists) the synthetic cohort described by <paramref name="synth"/>.
    /// Parallel arms and Slurm tasks that need the same cohort wait on <c>&lt;name&gt;.lock</c> beside it while the
    /// first one writes it.
    /// </summary>
    public static string GenerateSynthetic(SynthSpec synth, NaturalTask naturalTask, string synthRoot)
    {
        string name = $"{synth.Kind}-{(synth.Kind == "natural" ? naturalTask.ToString().ToLowerInvariant() + "-" : "")}p{synth.Patients}-s{synth.Size}-seed{synth.Seed}-o{synth.Observers}-{synth.Field}-g{SyntheticGenerators.Version}";
        string dir = Path.Combine(synthRoot, name);
        string manifest = Path.Combine(dir, CohortGenerator.ManifestFileName);
        if (File.Exists(manifest))
        {
            return manifest; // written last and atomically by the generator: present means complete
        }

        using FileLock held = FileLock.Acquire(Path.Combine(synthRoot, name + ".lock"), SynthLockTimeout);
        if (File.Exists(manifest))
        {
            return manifest; // another arm or process generated it while this one waited
        }

        var generator = new CohortGenerator(new DicomPngCohortWriter());
        var seed = new SeedSource((ulong)(synth.Seed ?? 0));
        int count = synth.Patients ?? SpecDefaults.SynthPatients;
        int size = synth.Size ?? SpecDefaults.SynthSize;
        _ = synth.Kind switch
        {
            "l3-ct" => generator.GenerateL3Ct(dir, count, seed, new L3CtOptions { SizePx = size, Observers = synth.Observers ?? 0 }),
            "cardiac-cine" => generator.GenerateCardiacCine(dir, count, seed,
                new CardiacCineOptions { SizePx = size, Field = FieldStrengthNames.Parse(synth.Field ?? SpecDefaults.CardiacField) }),
            "natural" => generator.GenerateNatural(dir, count, seed, new NaturalImageOptions { SizePx = size, Task = naturalTask }),
            _ => throw new ArgumentException($"Unknown synthetic cohort kind '{synth.Kind}'; expected {string.Join(", ", SpecDefaults.SynthKinds)}."),
        };
        return manifest;
    }

    /// <summary>
    /// Loads and preprocesses every reference row of <paramref name="manifestPath"/>. With a <paramref name="cache"/>,
    /// each prepared image and mask is looked up by the content hash of its files and the preprocessing settings
    /// (<see cref="CohortCacheKeys"/>), so a resumed or second run with the same cohort and preprocessing skips
    /// decoding, windowing and resizing; null loads everything afresh.
    /// </summary>
    /// <param name="manifestPath">The cohort manifest.</param>
    /// <param name="preprocessing">Window and resize.</param>
    /// <param name="numClasses">The model's class count; labels at or above it become background.</param>
    /// <param name="loader">Reads the image and mask files.</param>
    /// <param name="cache">The preprocessed-image cache, or null.</param>
    /// <param name="fileDigests">SHA-256 digests already computed for the cohort's files (by real path), e.g.
    /// <see cref="Planning.CohortFingerprint.FileDigests"/>, so the cache keys do not hash a file twice.</param>
    /// <exception cref="ManifestFormatException">A row's file is missing, outside the manifest's folder or unreadable;
    /// the message names the manifest row and column.</exception>
    public static CohortData Load(string manifestPath, PreprocessingSpec preprocessing, int numClasses, ImageLoader loader, ContentHashCache? cache = null,
        IReadOnlyDictionary<string, string>? fileDigests = null)
    {
        ArgumentNullException.ThrowIfNull(preprocessing);
        ArgumentNullException.ThrowIfNull(loader);
        CohortManifest manifest = CohortManifest.Read(manifestPath);
        WindowPreset? window = Window(preprocessing.Window);
        int size = preprocessing.Resize ?? SpecDefaults.SynthSize;
        CohortCacheKeys? keys = cache is null ? null : new CohortCacheKeys(window, size, numClasses, loader);
        string Digest(string realPath) => fileDigests is not null && fileDigests.TryGetValue(realPath, out string? d) ? d : ContentKey.HashFile(realPath);

        var truthRows = Enumerable.Range(0, manifest.Rows.Count).Where(i => manifest.Rows[i].Observer is null && manifest.Rows[i].Mask.Length > 0).ToList();
        if (truthRows.Count == 0)
        {
            throw new ManifestFormatException(manifestPath, 1, "mask", "no reference rows (rows with a mask and an empty observer column).");
        }

        var observerRows = Enumerable.Range(0, manifest.Rows.Count).Where(i => manifest.Rows[i].Observer is not null)
            .ToLookup(i => (manifest.Rows[i].PatientId, manifest.Rows[i].Image));
        var cases = new PreparedCase[truthRows.Count];
        var errors = new ConcurrentQueue<(int Row, Exception Error)>();
        Parallel.For(0, truthRows.Count, i =>
        {
            int index = truthRows[i];
            ManifestRow row = manifest.Rows[index];
            string column = "image";
            try
            {
                string imagePath = manifest.ResolveFile(manifestPath, index, "image", row.Image);
                Image2D PrepareImage() => Preprocess(loader.Load(imagePath).AsImage2D(), window, size);
                ContentKey? imageKey = keys?.Image(Digest(imagePath));
                Image2D image = imageKey is null ? PrepareImage() : cache!.GetOrAddImage(imageKey, PrepareImage);
                LabelMap Mask(int maskRow, string mask)
                {
                    column = "mask";
                    string maskPath = manifest.ResolveFile(manifestPath, maskRow, "mask", mask);
                    LabelMap Prepare() => PrepareMask(loader.Load(maskPath).AsLabelMap(), image, size, numClasses, mask);
                    return imageKey is null ? Prepare() : cache!.GetOrAddLabels(keys!.Mask(imageKey, Digest(maskPath)), Prepare);
                }

                LabelMap truth = Mask(index, row.Mask);
                var observers = observerRows[(row.PatientId, row.Image)]
                    .ToDictionary(o => $"observer{manifest.Rows[o].Observer}", o => Mask(o, manifest.Rows[o].Mask));
                cases[i] = new PreparedCase(row.PatientId, row.Image, row.Phase, image, truth, observers);
            }
            catch (ManifestFormatException ex)
            {
                errors.Enqueue((index, ex));
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // The inner message names the file and what is wrong with it; the row says where it came from.
                errors.Enqueue((index, new ManifestFormatException(manifestPath, manifest.LineOf(index), column,
                    $"patient '{row.PatientId}', image '{row.Image}': {ex.Message}", ex)));
            }
        });
        if (!errors.IsEmpty)
        {
            throw errors.MinBy(e => e.Row).Error; // the first bad row in file order, whichever thread met it first
        }

        return new CohortData(manifestPath, cases);
    }

    /// <summary>Maps a spec window name to MLSeg.Transforms' presets ("muscle" is the sarcopenia −29…150 HU range).</summary>
    public static WindowPreset? Window(WindowSpec? spec)
    {
        if (spec is null || spec.Preset == "none")
        {
            return null;
        }

        if (spec.Preset is { } name)
        {
            return WindowPresets.Get(name == "muscle" ? "sarcopenia-muscle" : name);
        }

        return new WindowPreset("custom", spec.Center ?? 0, spec.Width ?? 1, VoiLutFunction.Linear);
    }

    private static Image2D Preprocess(Image2D image, WindowPreset? window, int size)
    {
        if (image.Channels == 3)
        {
            image = ToGray(image); // natural RGB sources feed 1-channel target models by luminance
        }

        Image2D windowed = window is null ? image : VoiWindow.Apply(image, window);
        return windowed.Height == size && windowed.Width == size ? windowed : Resize.Bilinear(windowed, size, size);
    }

    private static LabelMap PrepareMask(LabelMap mask, Image2D image, int size, int numClasses, string file)
    {
        LabelMap resized = mask.Height == size && mask.Width == size ? mask : Resize.Nearest(mask, size, size);
        var labels = (byte[])resized.Labels.Clone();
        for (int i = 0; i < labels.Length; i++)
        {
            if (labels[i] >= numClasses)
            {
                labels[i] = 0;
            }
        }

        if (resized.Height != image.Height || resized.Width != image.Width)
        {
            throw new ArgumentException($"mask '{file}' is {resized.Height}x{resized.Width}, its image {image.Height}x{image.Width}.");
        }

        return new LabelMap(resized.Height, resized.Width, labels, image.SpacingMm);
    }

    /// <summary>ITU-R BT.601 luminance of an RGB image.</summary>
    public static Image2D ToGray(Image2D rgb)
    {
        var gray = new float[rgb.PlaneSize];
        ReadOnlySpan<float> r = rgb.Channel(0), g = rgb.Channel(1), b = rgb.Channel(2);
        for (int i = 0; i < gray.Length; i++)
        {
            gray[i] = (0.299f * r[i]) + (0.587f * g[i]) + (0.114f * b[i]);
        }

        return new Image2D(1, rgb.Height, rgb.Width, gray, rgb.SpacingMm);
    }
}
