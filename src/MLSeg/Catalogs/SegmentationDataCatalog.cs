using Microsoft.ML;
using MLSeg.Data;
using MLSeg.Pipeline;

namespace MLSeg;

/// <summary>MLSeg's data loaders on ML.NET's <c>ml.Data</c> catalog.</summary>
public static class SegmentationDataCatalog
{
    /// <summary>
    /// A cohort manifest (manifest.csv) as a view with the <see cref="ManifestColumns"/>: patient_id, image_path and
    /// mask_path (absolute paths), phase (text), observer (0 = reference mask), slice and frame (Int32), class (text). Without
    /// <paramref name="includeObservers"/> only the reference-mask rows are kept.
    /// </summary>
    /// <exception cref="FileNotFoundException">The manifest does not exist.</exception>
    /// <exception cref="Synthetic.Manifest.ManifestFormatException">The header or a row is invalid.</exception>
    public static IDataView LoadManifest(this DataOperationsCatalog catalog, string manifestCsv, bool includeObservers = false)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentException.ThrowIfNullOrEmpty(manifestCsv);
        return ManifestLoader.Load([manifestCsv], includeObservers);
    }

    /// <summary>
    /// Several cohort manifests as one view (rows of each in turn). A patient id in two manifests is an error naming
    /// both files, the id and its rows, raised here — before any fit can mix that patient into two folds.
    /// </summary>
    public static IDataView LoadManifests(this DataOperationsCatalog catalog, params IReadOnlyList<string> manifestCsvs) =>
        catalog.LoadManifests(includeObservers: false, manifestCsvs);

    /// <summary>As <see cref="LoadManifests(DataOperationsCatalog, IReadOnlyList{string})"/>, optionally keeping observer rows.</summary>
    public static IDataView LoadManifests(this DataOperationsCatalog catalog, bool includeObservers, params IReadOnlyList<string> manifestCsvs)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return ManifestLoader.Load(manifestCsvs, includeObservers);
    }

    /// <summary>The rows of <paramref name="data"/> whose patient is in <paramref name="patientIds"/> (lazy; a requested patient absent from the view fails at the end of a pass).</summary>
    public static IDataView FilterByPatients(this DataOperationsCatalog catalog, IDataView data, IEnumerable<string> patientIds,
        string patientColumnName = WellKnownColumns.PatientId)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new PatientFilterDataView(data, patientIds, patientColumnName);
    }

    /// <summary>The distinct patient ids of <paramref name="data"/>, sorted ordinally (reads the view).</summary>
    public static IReadOnlyList<string> GetPatients(this DataOperationsCatalog catalog, IDataView data, string patientColumnName = WellKnownColumns.PatientId)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(data);
        return [.. ViewReader.Texts(data, patientColumnName).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    /// <summary>
    /// Reads <paramref name="data"/> once and keeps every row in memory, image and label-map columns included (ML.NET's
    /// <c>ml.Data.Cache</c> silently drops columns of custom types, so use this after loading, windowing and resizing,
    /// before several fits). See <see cref="MaterializedDataView"/> for the column types it copies.
    /// </summary>
    public static MaterializedDataView CacheInMemory(this DataOperationsCatalog catalog, IDataView data)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return MaterializedDataView.Create(data);
    }
}
