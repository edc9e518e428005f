using MLSeg.Core.Imaging;

namespace MLSeg.Dicom.Imaging;

/// <summary>
/// The single-frame images of one series (same SeriesInstanceUID), sorted along the slice normal (PS3.3 C.7.6.2.1.1:
/// position · (row × column)). Reports its spacing, gaps (a step much larger than the median) and duplicates
/// (two slices at one position).
/// </summary>
public sealed class DicomSeries
{
    /// <summary>Relative tolerance for calling slice steps uniform.</summary>
    public const double SpacingTolerance = 0.01;

    private DicomSeries(string uid, IReadOnlyList<(string Path, DicomFile File, double Position)> slices)
    {
        SeriesInstanceUid = uid;
        Slices = slices.Select(s => s.Path).ToList();
        Files = slices.Select(s => s.File).ToList();
        Positions = slices.Select(s => s.Position).ToArray();
        DicomDataset first = Files[0].Dataset;
        Modality = first.TryGetString(DicomTag.Modality) ?? string.Empty;
        Rows = first.GetInt32(DicomTag.Rows);
        Columns = first.GetInt32(DicomTag.Columns);
        var steps = new List<double>();
        for (int i = 1; i < Positions.Length; i++)
        {
            double step = Positions[i] - Positions[i - 1];
            if (Math.Abs(step) < 1e-4)
            {
                Duplicates++;
            }
            else
            {
                steps.Add(step);
            }
        }

        steps.Sort();
        SliceSpacingMm = steps.Count > 0 ? steps[steps.Count / 2] : null;
        Gaps = SliceSpacingMm is { } median ? steps.Count(s => s > median * (1 + SpacingTolerance) * 1.5) : 0;
        IsUniform = Duplicates == 0 && SliceSpacingMm is { } m && steps.All(s => Math.Abs(s - m) <= m * SpacingTolerance);
    }

    /// <summary>The Series Instance UID.</summary>
    public string SeriesInstanceUid { get; }

    /// <summary>The Modality of the first slice.</summary>
    public string Modality { get; }

    /// <summary>Rows of the slices.</summary>
    public int Rows { get; }

    /// <summary>Columns of the slices.</summary>
    public int Columns { get; }

    /// <summary>File paths, sorted along the normal.</summary>
    public IReadOnlyList<string> Slices { get; }

    /// <summary>Parsed files in the same order.</summary>
    public IReadOnlyList<DicomFile> Files { get; }

    /// <summary>Each slice's position along the normal (mm).</summary>
    public double[] Positions { get; }

    /// <summary>Median step between distinct positions (mm), or null for a single position.</summary>
    public double? SliceSpacingMm { get; }

    /// <summary>Steps at least 1.5× the median (missing slices).</summary>
    public int Gaps { get; }

    /// <summary>Adjacent slices at the same position.</summary>
    public int Duplicates { get; }

    /// <summary>True when every step equals the median within <see cref="SpacingTolerance"/> and there are no duplicates.</summary>
    public bool IsUniform { get; }

    /// <summary>Reads every file under <paramref name="directory"/> (recursively) and groups the images into series; non-DICOM files are listed in <paramref name="skipped"/>.</summary>
    public static IReadOnlyList<DicomSeries> Scan(string directory, out IReadOnlyList<string> skipped)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var files = new List<(string, DicomFile)>();
        var bad = new List<string>();
        foreach (string path in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            try
            {
                files.Add((path, DicomFile.Open(path)));
            }
            catch (DicomFormatException ex)
            {
                bad.Add($"{path}: {ex.Message}");
            }
        }

        skipped = bad;
        return Assemble(files);
    }

    /// <summary>Groups files with pixel data by SeriesInstanceUID and sorts each group along its slice normal.</summary>
    public static IReadOnlyList<DicomSeries> Assemble(IEnumerable<(string Path, DicomFile File)> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var result = new List<DicomSeries>();
        foreach (var group in files.Where(f => f.File.Dataset.Contains(DicomTag.PixelData))
                     .GroupBy(f => f.File.Dataset.TryGetString(DicomTag.SeriesInstanceUID) ?? string.Empty, StringComparer.Ordinal)
                     .OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var slices = group.Select(f => (f.Path, f.File, Position(f.File))).OrderBy(s => s.Item3).ThenBy(s => s.Path, StringComparer.Ordinal).ToList();
            result.Add(new DicomSeries(group.Key, slices));
        }

        return result;
    }

    /// <summary>The slices as one volume after the Modality LUT; throws when slices are duplicated or differ in size.</summary>
    public Volume LoadVolume()
    {
        if (Duplicates > 0)
        {
            throw new DicomFormatException(Slices[0], -1, DicomTag.ImagePositionPatient, $"series {SeriesInstanceUid} has {Duplicates} duplicated slice positions.");
        }

        int plane = Rows * Columns;
        var data = new float[(long)plane * Files.Count];
        for (int i = 0; i < Files.Count; i++)
        {
            DicomPixelData px = DicomPixelData.Create(Files[i]);
            if (px.Rows != Rows || px.Columns != Columns || px.SamplesPerPixel != 1)
            {
                throw new DicomFormatException(Slices[i], -1, DicomTag.Rows, $"slice is {px.Rows}x{px.Columns}x{px.SamplesPerPixel}; the series is {Rows}x{Columns}x1.");
            }

            px.DecodeRescaledFrame(0, data.AsSpan(i * plane, plane));
        }

        DicomFrameGeometry g = DicomFrameGeometry.Of(Files[0].Dataset, 0);
        double[] o = g.ImageOrientationPatient ?? [1, 0, 0, 0, 1, 0];
        double[] n = Normal(o);
        PixelSpacing spacing = DicomPixelData.Spacing(g, Slices[0]);
        return new Volume(Files.Count, Rows, Columns, data, spacing, SliceSpacingMm ?? 1.0, g.ImagePositionPatient,
            [o[0], o[1], o[2], o[3], o[4], o[5], n[0], n[1], n[2]]);
    }

    private static double Position(DicomFile file)
    {
        DicomFrameGeometry g = DicomFrameGeometry.Of(file.Dataset, 0);
        if (g.ImagePositionPatient is not { } p || g.ImageOrientationPatient is not { } o)
        {
            throw new DicomFormatException(file.Name, -1, DicomTag.ImagePositionPatient, "ImagePositionPatient/ImageOrientationPatient are needed to sort a series.");
        }

        double[] n = Normal(o);
        return (p[0] * n[0]) + (p[1] * n[1]) + (p[2] * n[2]);
    }

    private static double[] Normal(double[] o) =>
        [(o[1] * o[5]) - (o[2] * o[4]), (o[2] * o[3]) - (o[0] * o[5]), (o[0] * o[4]) - (o[1] * o[3])];
}
