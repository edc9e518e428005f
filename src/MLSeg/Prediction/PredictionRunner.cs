using MLSeg.Core.Errors;
using MLSeg.Core.Imaging;
using MLSeg.Dicom;
using MLSeg.Dicom.Seg;
using MLSeg.ImageIO.Nifti;
using MLSeg.ImageIO.Png;
using MLSeg.IO;

namespace MLSeg.Prediction;

/// <summary>
/// The work of <c>mlseg predict</c>: runs a <see cref="Predictor"/> over every image of an input (file, DICOM folder or
/// manifest, see <see cref="PredictionInput.Resolve"/>) and writes one mask per image into an output folder, named
/// after the image's relative path ('/' → '_', extension replaced). An image that fails is reported in
/// <see cref="PredictionResult.Failures"/> and the others go on.
/// </summary>
public static class PredictionRunner
{
    /// <summary>
    /// Predicts every image of <paramref name="input"/> with the model at <paramref name="modelPath"/> into
    /// <paramref name="outputDirectory"/> (created when absent).
    /// </summary>
    /// <param name="modelPath">A <c>.onnx</c> model or a safetensors checkpoint.</param>
    /// <param name="input">An image file, a folder of DICOM files, or a manifest <c>.csv</c>.</param>
    /// <param name="outputDirectory">Where masks (and <see cref="MeasuresTable.FileName"/>) go.</param>
    /// <param name="format">The mask format; null picks <see cref="MaskFormat.Seg"/> when every input is DICOM, else <see cref="MaskFormat.Png"/>.</param>
    /// <param name="measures">Also write <see cref="MeasuresTable.FileName"/>.</param>
    /// <param name="log">Receives one line per image.</param>
    /// <param name="gpuDeviceId">For a .onnx model, the CUDA device to run on; null runs on the CPU.</param>
    /// <exception cref="ArgumentException">DICOM-SEG was asked for a non-DICOM input, or two inputs would write the same mask file.</exception>
    public static PredictionResult Run(string modelPath, string input, string outputDirectory, MaskFormat? format = null, bool measures = false, Action<string>? log = null,
        int? gpuDeviceId = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelPath);
        ArgumentException.ThrowIfNullOrEmpty(outputDirectory);
        IReadOnlyList<PredictionInput> inputs = PredictionInput.Resolve(input);
        MaskFormat chosen = format ?? (inputs.All(i => i.IsDicom) ? MaskFormat.Seg : MaskFormat.Png);
        if (chosen == MaskFormat.Seg && inputs.FirstOrDefault(i => !i.IsDicom) is { } notDicom)
        {
            throw new ArgumentException($"DICOM-SEG output references a DICOM source image; '{notDicom.Path}' is not DICOM. Use --format nifti or png.", nameof(format));
        }

        string outDir = Path.GetFullPath(outputDirectory);
        var targets = inputs.Select(i => Path.Combine(outDir, MaskFileName(i.Name, chosen))).ToList();
        if (targets.GroupBy(t => t, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } clash)
        {
            throw new ArgumentException($"Several inputs would write '{clash.Key}'; give inputs with distinct relative paths.", nameof(input));
        }

        using Predictor predictor = Predictor.Open(modelPath, gpuDeviceId); // a missing or corrupt model fails before --out is created
        Directory.CreateDirectory(outDir);
        MeasuresTable? table = measures ? new MeasuresTable(predictor.NumClasses) : null;
        var done = new List<PredictedImage>();
        var failures = new List<PredictionFailure>();
        for (int i = 0; i < inputs.Count; i++)
        {
            PredictionInput item = inputs[i];
            try
            {
                Image2D source = MaskFiles.Readers.Load(item.Path).AsImage2D();
                LabelMap mask = predictor.Predict(source);
                WriteMask(targets[i], mask, item, chosen, predictor.ClassNames);
                table?.Add(item.Name, source, mask);
                long foreground = mask.Labels.Length - mask.Count(0);
                done.Add(new PredictedImage(item, targets[i], foreground));
                log?.Invoke($"{item.Name} -> {Path.GetFileName(targets[i])} ({foreground} foreground px)");
            }
            catch (Exception e) when (e is MLSegException or IOException or ArgumentException or InvalidOperationException)
            {
                failures.Add(new PredictionFailure(item, $"{item.Path}: {e.Message}"));
                log?.Invoke($"{item.Name}: FAILED {e.Message}");
            }
        }

        string? measuresPath = null;
        if (table is not null)
        {
            measuresPath = Path.Combine(outDir, MeasuresTable.FileName);
            table.Write(measuresPath);
        }

        return new PredictionResult(predictor.Engine, chosen, done, failures, measuresPath);
    }

    /// <summary>The mask file name for an input named <paramref name="name"/>: '/' → '_', its image extension replaced.</summary>
    public static string MaskFileName(string name, MaskFormat format)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        string stem = name.Replace('/', '_').Replace('\\', '_');
        foreach (string ext in new[] { ".nii.gz", ".nii", ".dcm", ".png", ".npy" })
        {
            if (stem.EndsWith(ext, StringComparison.OrdinalIgnoreCase))
            {
                stem = stem[..^ext.Length];
                break;
            }
        }

        return stem + format switch
        {
            MaskFormat.Seg => ".seg.dcm",
            MaskFormat.Nifti => ".nii.gz",
            MaskFormat.Png => ".png",
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown mask format."),
        };
    }

    private static void WriteMask(string path, LabelMap mask, PredictionInput input, MaskFormat format, IReadOnlyList<string> classNames)
    {
        switch (format)
        {
            case MaskFormat.Png:
                PngWriter.WriteLabels(path, mask);
                break;
            case MaskFormat.Nifti:
                var data = new float[mask.Labels.Length];
                for (int i = 0; i < data.Length; i++)
                {
                    data[i] = mask.Labels[i];
                }

                NiftiWriter.Write(path, new Volume(1, mask.Height, mask.Width, data, mask.SpacingMm), NiftiDataType.UInt8);
                break;
            case MaskFormat.Seg:
                WriteSegmentation(path, mask, input, classNames);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown mask format.");
        }
    }

    private static void WriteSegmentation(string path, LabelMap mask, PredictionInput input, IReadOnlyList<string> classNames)
    {
        var labels = Enumerable.Range(1, classNames.Count - 1).ToDictionary(k => (byte)k, k => classNames[k]);
        if (!labels.Keys.Any(k => Array.IndexOf(mask.Labels, k) >= 0))
        {
            throw new InvalidOperationException(
                "the model predicted only background; a DICOM-SEG needs at least one segment frame, so no SEG was written (use --format nifti or png to keep empty masks).");
        }

        DicomFile seg = DicomSegmentationWriter.CreateBinary([DicomFile.Open(input.Path)], [mask], labels);
        string temp = $"{path}.{Environment.ProcessId}.tmp";
        try
        {
            seg.Save(temp);
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }
}
