using MLSeg.Core.Errors;
using MLSeg.Core.Pipeline;

namespace MLSeg.Data;

/// <summary>
/// The rows of a source view whose patient is in a given set (lazy). A requested patient that never appears fails at
/// the end of the pass — a typo in a split must not silently shrink a fold.
/// </summary>
public sealed class PatientFilterDataView : IDataView
{
    private readonly IDataView _source;
    private readonly HashSet<string> _patients;
    private readonly int _index;

    /// <summary>Keeps the rows of <paramref name="source"/> whose <paramref name="patientColumn"/> is in <paramref name="patientIds"/>.</summary>
    /// <exception cref="SchemaMismatchException">The source has no string column <paramref name="patientColumn"/>.</exception>
    public PatientFilterDataView(IDataView source, IEnumerable<string> patientIds, string patientColumn = WellKnownColumns.PatientId)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(patientIds);
        _index = source.Schema.Require(patientColumn, typeof(string));
        _patients = new HashSet<string>(patientIds, StringComparer.Ordinal);
        if (_patients.Count == 0)
        {
            throw new ArgumentException("The patient set is empty; a filter to no patients is a caller bug.", nameof(patientIds));
        }

        _source = source;
        PatientColumn = patientColumn;
    }

    /// <summary>The patient column filtered on.</summary>
    public string PatientColumn { get; }

    /// <summary>The patients kept, sorted.</summary>
    public IReadOnlyList<string> Patients => [.. _patients.Order(StringComparer.Ordinal)];

    /// <inheritdoc />
    public DataSchema Schema => _source.Schema;

    /// <inheritdoc />
    public IEnumerable<DataRow> GetRows()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (DataRow row in _source.GetRows())
        {
            if (row[_index] is string id && _patients.Contains(id))
            {
                seen.Add(id);
                yield return row;
            }
        }

        if (seen.Count != _patients.Count)
        {
            string missing = string.Join(", ", _patients.Where(p => !seen.Contains(p)).Order(StringComparer.Ordinal));
            throw new MLSegException($"Filter on column '{PatientColumn}': patient(s) {missing} requested but not present in the view.");
        }
    }
}
