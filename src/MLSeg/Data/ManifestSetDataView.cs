using MLSeg.Core.Pipeline;
using MLSeg.Synthetic.Manifest;

namespace MLSeg.Data;

/// <summary>
/// Several cohort manifests as one view with the <see cref="ManifestColumns"/>: the rows of each manifest in turn, in the
/// order given. The manifests must hold different patients — a patient id in two of them fails when the view is created,
/// naming both files, the id and its rows — so patient-level splits over the combined view stay leak-free.
/// </summary>
public sealed class ManifestSetDataView : IDataView
{
    private readonly ManifestDataView[] _parts;

    /// <summary>Reads <paramref name="manifestCsvs"/> (at least one); without <paramref name="includeObservers"/> only reference masks are kept.</summary>
    /// <exception cref="FileNotFoundException">A manifest does not exist.</exception>
    /// <exception cref="ManifestFormatException">A manifest is invalid, or a patient id appears in two manifests.</exception>
    public ManifestSetDataView(IReadOnlyList<string> manifestCsvs, bool includeObservers = false)
    {
        ArgumentNullException.ThrowIfNull(manifestCsvs);
        ArgumentOutOfRangeException.ThrowIfZero(manifestCsvs.Count);
        string[] full = [.. manifestCsvs.Select(Path.GetFullPath)];
        string? repeated = full.GroupBy(f => f, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1)?.Key;
        if (repeated is not null)
        {
            throw new ArgumentException($"Manifest '{repeated}' is listed more than once; each manifest may be loaded once.", nameof(manifestCsvs));
        }

        _parts = [.. full.Select(f => new ManifestDataView(f, includeObservers))];
        ManifestOverlap.ThrowIfPatientsShared(full);
        ManifestPaths = full;
    }

    /// <summary>Absolute paths of the manifests, in view order.</summary>
    public IReadOnlyList<string> ManifestPaths { get; }

    /// <summary>Number of rows over all manifests.</summary>
    public int Count => _parts.Sum(p => p.Count);

    /// <inheritdoc />
    public DataSchema Schema => ManifestDataView.ManifestSchema;

    /// <inheritdoc />
    public IEnumerable<DataRow> GetRows() => _parts.SelectMany(p => p.GetRows());
}
