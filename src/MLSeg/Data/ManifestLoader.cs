using Microsoft.ML;
using Microsoft.ML.Data;
using MLSeg.Synthetic.Manifest;

namespace MLSeg.Data;

/// <summary>
/// Cohort manifests (manifest.csv, docs/manifest-format.md) as views with the <see cref="ManifestColumns"/>: one row per
/// manifest row, paths made absolute. The CSV is read and validated once, when the view is created (a later edit of the
/// file cannot make two passes differ); rows hold only paths, never pixels.
/// </summary>
internal static class ManifestLoader
{
    /// <summary>The schema of every manifest view.</summary>
    public static DataViewSchema Schema { get; } = CreateSchema();

    /// <summary>Reads <paramref name="manifestCsvs"/> in turn; a patient in two manifests fails naming both files.</summary>
    public static MaterializedDataView Load(IReadOnlyList<string> manifestCsvs, bool includeObservers)
    {
        ArgumentNullException.ThrowIfNull(manifestCsvs);
        ArgumentOutOfRangeException.ThrowIfZero(manifestCsvs.Count);
        string[] full = [.. manifestCsvs.Select(Path.GetFullPath)];
        string? repeated = full.GroupBy(f => f, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1)?.Key;
        if (repeated is not null)
        {
            throw new ArgumentException($"Manifest '{repeated}' is listed more than once; each manifest may be loaded once.", nameof(manifestCsvs));
        }

        var rows = new List<object?[]>();
        foreach (string csv in full)
        {
            if (!File.Exists(csv))
            {
                throw new FileNotFoundException($"Cohort manifest '{csv}' does not exist.", csv);
            }

            string baseDirectory = Path.GetDirectoryName(csv)!;

            // Manifest paths are relative to the manifest's folder with '/' separators (docs/manifest-format.md).
            string Resolve(string relative) => Path.GetFullPath(Path.Combine(baseDirectory, relative.Replace('/', Path.DirectorySeparatorChar)));
            foreach (ManifestRow r in CohortManifest.Read(csv).Rows.Where(r => includeObservers || r.Observer is null))
            {
                rows.Add([
                    r.PatientId.AsMemory(),
                    Resolve(r.Image).AsMemory(),
                    (r.Mask.Length == 0 ? string.Empty : Resolve(r.Mask)).AsMemory(),
                    (r.Phase ?? string.Empty).AsMemory(),
                    r.Observer ?? 0,
                    r.Slice ?? 0,
                    r.Frame ?? 0,
                    (r.Class ?? string.Empty).AsMemory(),
                ]);
            }
        }

        if (full.Length > 1)
        {
            ManifestOverlap.ThrowIfPatientsShared(full);
        }

        object?[][] columns = [.. Enumerable.Range(0, Schema.Count).Select(i => rows.Select(r => r[i]).ToArray())];
        return new MaterializedDataView(Schema, columns, rows.Count);
    }

    private static DataViewSchema CreateSchema()
    {
        var builder = new DataViewSchema.Builder();
        builder.AddColumn(ManifestColumns.PatientId, TextDataViewType.Instance);
        builder.AddColumn(ManifestColumns.ImagePath, TextDataViewType.Instance);
        builder.AddColumn(ManifestColumns.MaskPath, TextDataViewType.Instance);
        builder.AddColumn(ManifestColumns.Phase, TextDataViewType.Instance);
        builder.AddColumn(ManifestColumns.Observer, NumberDataViewType.Int32);
        builder.AddColumn(ManifestColumns.Slice, NumberDataViewType.Int32);
        builder.AddColumn(ManifestColumns.Frame, NumberDataViewType.Int32);
        builder.AddColumn(ManifestColumns.Class, TextDataViewType.Instance);
        return builder.ToSchema();
    }
}
