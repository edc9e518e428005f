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

    /// <summary>Pseudo-labels <paramref name="manifestPath"/> with <paramref name="modelPath"/> into <paramref name="outputDirectory"/>.</summary>
    /// <exception cref="ManifestFormatException">The manifest is invalid.</exception>
    /// <exception cref="FileNotFoundException">The manifest or an image it names does not exist.</exception>
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
        string manifestDir = Path.GetDirectoryName(Path.GetFullPath(manifestPath))!;
        string outDir = Path.GetFullPath(outputDirectory);
        Directory.CreateDirectory(Path.Combine(outDir, MaskFolder));
        var reference = manifest.Rows.Where(r => r.Observer is null).ToList();
        using Predictor predictor = Predictor.Open(modelPath, gpuDeviceId);
        var masks = new Dictionary<string, string>(StringComparer.Ordinal);
        var rows = new List<ManifestRow>(reference.Count);
        foreach (ManifestRow row in reference)
        {
            string image = Path.GetFullPath(Path.Combine(manifestDir, row.Image));
            if (!masks.TryGetValue(row.Image, out string? relativeMask))
            {
                if (!File.Exists(image))
                {
                    throw new FileNotFoundException($"{manifestPath}: image '{row.Image}' of patient '{row.PatientId}' does not exist (looked at {image}).", image);
                }

                string relativeImage = row.Image.Replace('\\', '/');
                relativeMask = MaskFolder + "/" + PredictionRunner.MaskFileName(relativeImage, MaskFormat.Png);
                if (masks.ContainsValue(relativeMask) || reference.Any(r => r.Image.Replace('\\', '/') == relativeMask))
                {
                    throw new ArgumentException($"{manifestPath}: images would share the mask file '{relativeMask}'; give images distinct relative paths.", nameof(manifestPath));
                }

                LabelMap mask = predictor.Predict(MaskFiles.Readers.Load(image).AsImage2D());
                PngWriter.WriteLabels(Path.Combine(outDir, relativeMask), mask);
                string copy = Path.GetFullPath(Path.Combine(outDir, relativeImage));
                if (!string.Equals(copy, image, StringComparison.Ordinal))
                {
                    Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
                    AtomicFile.Copy(image, copy);
                }

                masks[row.Image] = relativeMask;
                log?.Invoke($"{row.Image} -> {relativeMask}");
            }

            rows.Add(row with { Mask = relativeMask, MuscleAreaCm2 = null });
        }

        string output = Path.Combine(outDir, "manifest.csv");
        new CohortManifest(rows).Write(output);
        return new PseudoLabelResult(output, rows.Count, manifest.Rows.Count - reference.Count);
    }
}
