using MLSeg.Core.IO;
using MLSeg.Core.Imaging;
using MLSeg.ImageIO.Png;
using MLSeg.IO;
using MLSeg.Synthetic.Manifest;

namespace MLSeg.Prediction;

/// <summary>What <see cref="PseudoLabeler.Run"/> wrote.</summary>
/// <param name="ManifestPath">The new manifest (full path).</param>
/// <param name="Rows">Rows it holds.</param>
/// <param name="DroppedObserverRows">Observer rows of the input left out (one pseudo-label per image replaces all readers).</param>
public sealed record PseudoLabelResult(string ManifestPath, int Rows, int DroppedObserverRows);

/// <summary>
/// The work of <c>mlseg pseudo-label</c>: predicts every reference row's image of a cohort manifest and writes a
/// manifest beside the predicted masks whose <c>mask</c> column points at them (8-bit PNG label maps under
/// <see cref="MaskFolder"/>) and every other column kept — except <c>muscle_area_cm2</c>, which described the replaced
/// mask and is cleared. Rows with an observer are left out. A manifest's paths must stay inside its folder, so each image
/// is copied to the same relative path under the output folder: the result is a self-contained cohort.
/// </summary>
public static class PseudoLabeler
{
    /// <summary>The folder of masks inside the output folder.</summary>
    public const string MaskFolder = "masks";

    /// <summary>
    /// Pseudo-labels <paramref name="manifestPath"/> with <paramref name="modelPath"/> into <paramref name="outputDirectory"/>.
    /// Everything that can be checked before predicting is checked before the first file is written: every image
    /// exists inside the manifest's folder, no two images would share a mask file, and the model opens.
    /// </summary>
    /// <exception cref="ManifestFormatException">The manifest is invalid, an image is missing, or two images map to one mask file.</exception>
    /// <exception cref="FileNotFoundException">The manifest does not exist.</exception>
    /// <remarks><paramref name="gpuDeviceId"/>: for a .onnx model, the CUDA device to run on; null runs on the CPU.</remarks>
    public static PseudoLabelResult Run(string modelPath, string manifestPath, string outputDirectory, Action<string>? log = null, int? gpuDeviceId = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelPath);
        ArgumentException.ThrowIfNullOrEmpty(manifestPath);
        ArgumentException.ThrowIfNullOrEmpty(outputDirectory);
        if (!File.Exists(manifestPath))
        {
            throw new FileNotFoundException($"Manifest '{manifestPath}' does not exist.", manifestPath);
        }

        CohortManifest manifest = CohortManifest.Read(manifestPath);
        string outDir = Path.GetFullPath(outputDirectory);
        var plan = new List<(string Relative, string Source, string Mask)>();
        var byImage = new Dictionary<string, string>(StringComparer.Ordinal);
        var maskOwner = new Dictionary<string, string>(StringComparer.Ordinal);
        var imagePaths = manifest.Rows.Select(r => r.Image.Replace('\\', '/')).ToHashSet(StringComparer.Ordinal);
        var rows = new List<ManifestRow>();
        for (int i = 0; i < manifest.Rows.Count; i++)
        {
            ManifestRow row = manifest.Rows[i];
            if (row.Observer is not null)
            {
                continue;
            }

            if (!byImage.TryGetValue(row.Image, out string? relativeMask))
            {
                string image = manifest.ResolveFile(manifestPath, i, "image", row.Image);
                string relativeImage = row.Image.Replace('\\', '/');
                relativeMask = MaskFolder + "/" + PredictionRunner.MaskFileName(relativeImage, MaskFormat.Png);
                if (maskOwner.TryGetValue(relativeMask, out string? other) || imagePaths.Contains(relativeMask))
                {
                    throw new ManifestFormatException(manifestPath, manifest.LineOf(i), "image",
                        $"'{row.Image}' would get the mask file '{relativeMask}', which {(other is null ? "is itself an image of the manifest" : $"'{other}' gets too")}; give the images relative paths that stay distinct once '/' becomes '_'.");
                }

                maskOwner[relativeMask] = row.Image;
                byImage[row.Image] = relativeMask;
                plan.Add((relativeImage, image, relativeMask));
            }

            rows.Add(row with { Mask = relativeMask, MuscleAreaCm2 = null });
        }

        using Predictor predictor = Predictor.Open(modelPath, gpuDeviceId); // a missing or corrupt model fails before anything is written
        Directory.CreateDirectory(Path.Combine(outDir, MaskFolder));
        foreach (var (relativeImage, image, relativeMask) in plan)
        {
            LabelMap mask = predictor.Predict(MaskFiles.Readers.Load(image).AsImage2D());
            PngWriter.WriteLabels(Path.Combine(outDir, relativeMask), mask);
            string copy = Path.GetFullPath(Path.Combine(outDir, relativeImage));
            if (!string.Equals(copy, image, StringComparison.Ordinal))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
                AtomicFile.Copy(image, copy);
            }

            log?.Invoke($"{relativeImage} -> {relativeMask}");
        }

        string output = Path.Combine(outDir, "manifest.csv");
        new CohortManifest(rows).Write(output);
        return new PseudoLabelResult(output, rows.Count, manifest.Rows.Count - rows.Count);
    }
}
