using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLSeg.Pipeline;

/// <summary>
/// A row (or cursor) of a mapped view: input columns pass through, added columns are computed from the input row by
/// the transformer, once per row position and column.
/// </summary>
internal sealed class MappedRowCursor : DataViewRowCursor
{
    private readonly BoundMapper _mapper;
    private readonly DataViewRow _input;
    private readonly bool[] _active;
    private readonly object?[] _values;
    private readonly long[] _positions;
    private readonly RowValues _reader;

    public MappedRowCursor(BoundMapper mapper, DataViewRow input, IEnumerable<DataViewSchema.Column> activeColumns)
    {
        _mapper = mapper;
        _input = input;
        _active = new bool[mapper.Added.Count];
        foreach (DataViewSchema.Column c in activeColumns)
        {
            if (c.Index >= mapper.InputSchema.Count)
            {
                _active[c.Index - mapper.InputSchema.Count] = true;
            }
        }

        _values = new object?[_active.Length];
        _positions = new long[_active.Length];
        Array.Fill(_positions, long.MinValue);
        _reader = new RowValues(input);
    }

    public override DataViewSchema Schema => _mapper.OutputSchema;

    public override long Position => _input.Position;

    public override long Batch => _input.Batch;

    public override ValueGetter<DataViewRowId> GetIdGetter() => _input.GetIdGetter();

    public override bool IsColumnActive(DataViewSchema.Column column) =>
        column.Index < _mapper.InputSchema.Count ? _input.IsColumnActive(_mapper.InputSchema[column.Index]) : _active[column.Index - _mapper.InputSchema.Count];

    public override bool MoveNext() => _input is DataViewRowCursor cursor
        ? cursor.MoveNext()
        : throw new InvalidOperationException("This row comes from a row-to-row mapper and cannot move.");

    public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
    {
        int inputCount = _mapper.InputSchema.Count;
        if (column.Index < inputCount)
        {
            return _input.GetGetter<TValue>(_mapper.InputSchema[column.Index]);
        }

        int j = column.Index - inputCount;
        if (!_active[j])
        {
            throw new InvalidOperationException($"Column '{column.Name}' was not requested from this cursor; ask for it in columnsNeeded.");
        }

        Type raw = _mapper.Added[j].Type.RawType;
        if (typeof(TValue) != raw)
        {
            throw new InvalidOperationException($"Column '{column.Name}' holds {raw.Name} values; a getter of {typeof(TValue).Name} was requested.");
        }

        return (ref TValue value) => value = Convert<TValue>(Current(j));
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _input.Dispose();
        }

        base.Dispose(disposing);
    }

    private object Current(int j)
    {
        long position = _input.Position;
        if (_positions[j] != position || _values[j] is null)
        {
            _values[j] = _mapper.Transformer.Compute(_reader, j);
            _positions[j] = position;
        }

        return _values[j]!;
    }

    // Vector columns are computed as float[]; every row gets its own array, so handing it out as a VBuffer is safe.
    private static TValue Convert<TValue>(object value) =>
        value is float[] array ? (TValue)(object)new VBuffer<float>(array.Length, array) : (TValue)value;
}
