using MLSeg.Core.Pipeline;
using MLSeg.Data;

namespace MLSeg.Catalogs;

/// <summary>Loading and filtering data views (<c>ctx.Data</c>).</summary>
public sealed class DataCatalog
{
    internal DataCatalog() { }

    /// <summary>
    /// A cohort manifest (manifest.csv) as a view with columns patient_id, image_path, mask_path (absolute paths), phase,
    /// observer (0 = reference mask), slice, frame; see <see cref="ManifestColumns"/>. Without
    /// <paramref name="includeObservers"/> only the reference-mask rows are kept.
    /// </summary>
    public ManifestDataView LoadManifest(string manifestCsv, bool includeObservers = false) => new(manifestCsv, includeObservers);

    /// <summary>
    /// Several cohort manifests as one view (rows of each in turn). A patient id in two manifests is an error naming
    /// both files, the id and its rows, raised here — before any fit can mix that patient into two folds.
    /// </summary>
    public ManifestSetDataView LoadManifests(params IReadOnlyList<string> manifestCsvs) => new(manifestCsvs);

    /// <summary>As <see cref="LoadManifests(IReadOnlyList{string})"/>, optionally keeping observer rows.</summary>
    public ManifestSetDataView LoadManifests(bool includeObservers, params IReadOnlyList<string> manifestCsvs) => new(manifestCsvs, includeObservers);

    /// <summary>The rows of <paramref name="data"/> whose patient is in <paramref name="patientIds"/> (a requested patient absent from the view fails when enumerated).</summary>
    public PatientFilterDataView FilterByPatients(IDataView data, IEnumerable<string> patientIds, string patientColumn = WellKnownColumns.PatientId) =>
        new(data, patientIds, patientColumn);

    /// <summary>The distinct patient ids of <paramref name="data"/>, sorted ordinally (enumerates the view).</summary>
    public IReadOnlyList<string> GetPatients(IDataView data, string patientColumn = WellKnownColumns.PatientId)
    {
        ArgumentNullException.ThrowIfNull(data);
        int index = data.Schema.Require(patientColumn, typeof(string));
        return [.. data.GetRows().Select(r => (string?)r[index] ?? string.Empty).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    /// <summary>Enumerates <paramref name="data"/> once and keeps its rows in memory (e.g. after loading and windowing, before several fits).</summary>
    public InMemoryDataView Cache(IDataView data) => InMemoryDataView.Materialize(data);
}
