using Microsoft.ML;
using Microsoft.ML.Data;
using MLSeg.Core.Errors;
using MLSeg.Pipeline;

namespace MLSeg.Data;

/// <summary>
/// The rows of a source view whose patient is in a given set (lazy; <c>ml.Data.FilterByPatients</c>). A requested
/// patient that never appears fails at the end of a full pass — a typo in a split must not silently shrink a fold.
/// </summary>
public sealed class PatientFilterDataView : IDataView
{
    private readonly IDataView _source;
    private readonly HashSet<string> _patients;
    private readonly DataViewSchema.Column _patientColumn;

    internal PatientFilterDataView(IDataView source, IEnumerable<string> patientIds, string patientColumn)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(patientIds);
        _patientColumn = ViewReader.Require(source.Schema, ColumnRequirement.Text(patientColumn));
        _patients = new HashSet<string>(patientIds, StringComparer.Ordinal);
        if (_patients.Count == 0)
        {
            throw new ArgumentException("The patient set is empty; a filter to no patients is a caller bug.", nameof(patientIds));
        }

        _source = source;
    }

    /// <summary>The patients kept, sorted.</summary>
    public IReadOnlyList<string> Patients => [.. _patients.Order(StringComparer.Ordinal)];

    /// <inheritdoc />
    public DataViewSchema Schema => _source.Schema;

    /// <inheritdoc />
    public bool CanShuffle => false;

    /// <inheritdoc />
    public long? GetRowCount() => null;

    /// <inheritdoc />
    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        ArgumentNullException.ThrowIfNull(columnsNeeded);
        var needed = columnsNeeded.Append(_patientColumn).DistinctBy(c => c.Index);
        return new Cursor(this, _source.GetRowCursor(needed));
    }

    /// <inheritdoc />
    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) => [GetRowCursor(columnsNeeded, rand)];

    private sealed class Cursor : DataViewRowCursor
    {
        private readonly PatientFilterDataView _view;
        private readonly DataViewRowCursor _input;
        private readonly ValueGetter<ReadOnlyMemory<char>> _patient;
        private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
        private long _position = -1;

        public Cursor(PatientFilterDataView view, DataViewRowCursor input)
        {
            _view = view;
            _input = input;
            _patient = input.GetGetter<ReadOnlyMemory<char>>(view._patientColumn);
        }

        public override DataViewSchema Schema => _input.Schema;

        public override long Position => _position;

        public override long Batch => _input.Batch;

        public override ValueGetter<DataViewRowId> GetIdGetter() => _input.GetIdGetter();

        public override bool IsColumnActive(DataViewSchema.Column column) => _input.IsColumnActive(column);

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column) => _input.GetGetter<TValue>(column);

        public override bool MoveNext()
        {
            ReadOnlyMemory<char> id = default;
            while (_input.MoveNext())
            {
                _patient(ref id);
                string patient = id.ToString();
                if (_view._patients.Contains(patient))
                {
                    _seen.Add(patient);
                    _position++;
                    return true;
                }
            }

            if (_seen.Count != _view._patients.Count)
            {
                string missing = string.Join(", ", _view._patients.Where(p => !_seen.Contains(p)).Order(StringComparer.Ordinal));
                throw new MLSegException($"Filter on column '{_view._patientColumn.Name}': patient(s) {missing} requested but not present in the view.");
            }

            return false;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _input.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
