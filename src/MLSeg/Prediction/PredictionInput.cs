using MLSeg.Dicom;
using MLSeg.Synthetic.Manifest;

namespace MLSeg.Prediction;

/// <summary>One image to predict.</summary>
/// <param name="Path">The image file (full path).</param>
/// <param name="Name">Its name relative to the input (folder or manifest), with '/' separators; names outputs and CSV rows.</param>
/// <param name="IsDicom">Whether the file is DICOM Part 10 (so a DICOM-SEG can reference it).</param>
public sealed record PredictionInput(string Path, string Name, bool IsDicom)
{
    /// <summary>
    /// The images named by <paramref name="input"/>: one image file; every DICOM image file under a folder (recursively,
    /// sorted; other files and DICOM-SEG objects are left out); or a <c>.csv</c> cohort manifest's distinct image column
    /// entries (relative to the manifest's folder).
    /// </summary>
    /// <exception cref="FileNotFoundException">The input, or an image a manifest names, does not exist.</exception>
    /// <exception cref="ArgumentException">A folder holds no DICOM image.</exception>
    public static IReadOnlyList<PredictionInput> Resolve(string input)
    {
        ArgumentException.ThrowIfNullOrEmpty(input);
        if (Directory.Exists(input))
        {
            string root = System.IO.Path.GetFullPath(input);
            var images = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
                .Order(StringComparer.Ordinal)
                .Where(f => IsDicomFile(f) && !IsSegmentation(f))
                .Select(f => new PredictionInput(f, Relative(root, f), true))
                .ToList();
            return images.Count > 0 ? images
                : throw new ArgumentException($"Folder '{input}' holds no DICOM image file (files with the 'DICM' preamble that are not DICOM-SEG).", nameof(input));
        }

        if (!File.Exists(input))
        {
            throw new FileNotFoundException($"Input '{input}' is neither a file nor a folder.", input);
        }

        string full = System.IO.Path.GetFullPath(input);
        if (!full.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
        {
            return [new PredictionInput(full, System.IO.Path.GetFileName(full), IsDicomFile(full))];
        }

        var result = new List<PredictionInput>();
        CohortManifest manifest = CohortManifest.Read(full);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < manifest.Rows.Count; i++)
        {
            string image = manifest.Rows[i].Image;
            if (seen.Add(image))
            {
                string path = manifest.ResolveFile(full, i, "image", image); // links followed; must stay inside the cohort
                result.Add(new PredictionInput(path, image.Replace('\\', '/'), IsDicomFile(path)));
            }
        }

        return result;
    }

    /// <summary>Whether <paramref name="path"/> starts with the DICOM Part 10 preamble and 'DICM' (PS3.10 §7.1).</summary>
    public static bool IsDicomFile(string path)
    {
        Span<byte> header = stackalloc byte[132];
        using FileStream stream = File.OpenRead(path);
        return stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) == header.Length
            && header[128] == (byte)'D' && header[129] == (byte)'I' && header[130] == (byte)'C' && header[131] == (byte)'M';
    }

    private static bool IsSegmentation(string path) =>
        DicomFile.Open(path).Dataset.TryGetString(DicomTag.SOPClassUID) == MLSeg.Dicom.Seg.DicomSegmentation.SegmentationStorage;

    private static string Relative(string root, string file) => System.IO.Path.GetRelativePath(root, file).Replace('\\', '/');
}
