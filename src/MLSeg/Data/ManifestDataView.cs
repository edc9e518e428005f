using MLSeg.Core.Pipeline;
using MLSeg.Synthetic.Manifest;

namespace MLSeg.Data;

/// <summary>
/// A cohort manifest as a data view: one row per manifest row with the <see cref="ManifestColumns"/>. The CSV is read
/// and validated once, when the view is created (so a later edit of the file cannot make two passes differ); rows are
/// created lazily on each pass and hold only paths, never pixels.
/// </summary>
public sealed class ManifestDataView : IDataView
{
    private readonly ManifestRow[] _rows;
    private readonly string _baseDirectory;

    /// <summary>Reads <paramref name="manifestCsv"/>; without <paramref name="includeObservers"/> only reference masks are kept.</summary>
    /// <exception cref="FileNotFoundException">The manifest does not exist.</exception>
    /// <exception cref="ManifestFormatException">The header or a row is invalid.</exception>
    public ManifestDataView(string manifestCsv, bool includeObservers = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(manifestCsv);
        string full = Path.GetFullPath(manifestCsv);
        if (!File.Exists(full))
        {
            throw new FileNotFoundException($"Cohort manifest '{full}' does not exist.", full);
        }

        ManifestPath = full;
        _baseDirectory = Path.GetDirectoryName(full)!;
        _rows = [.. CohortManifest.Read(full).Rows.Where(r => includeObservers || r.Observer is null)];
    }

    /// <summary>The schema every manifest view has.</summary>
    public static DataSchema ManifestSchema { get; } = new(
        new DataColumn(ManifestColumns.PatientId, typeof(string)),
        new DataColumn(ManifestColumns.ImagePath, typeof(string)),
        new DataColumn(ManifestColumns.MaskPath, typeof(string)),
        new DataColumn(ManifestColumns.Phase, typeof(string)),
        new DataColumn(ManifestColumns.Observer, typeof(int)),
        new DataColumn(ManifestColumns.Slice, typeof(int)),
        new DataColumn(ManifestColumns.Frame, typeof(int)));

    /// <summary>Absolute path of the manifest read.</summary>
    public string ManifestPath { get; }

    /// <summary>Number of rows.</summary>
    public int Count => _rows.Length;

    /// <inheritdoc />
    public DataSchema Schema => ManifestSchema;

    /// <inheritdoc />
    public IEnumerable<DataRow> GetRows()
    {
        foreach (ManifestRow r in _rows)
        {
            yield return new DataRow(ManifestSchema,
                r.PatientId,
                Resolve(r.Image),
                r.Mask.Length == 0 ? string.Empty : Resolve(r.Mask),
                r.Phase ?? string.Empty,
                r.Observer ?? 0,
                r.Slice ?? 0,
                r.Frame ?? 0);
        }
    }

    // Manifest paths are relative to the manifest's folder with '/' separators (docs/manifest-format.md).
    private string Resolve(string relative) => Path.GetFullPath(Path.Combine(_baseDirectory, relative.Replace('/', Path.DirectorySeparatorChar)));
}
