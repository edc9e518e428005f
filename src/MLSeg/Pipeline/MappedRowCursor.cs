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
    private readonly Func<DataViewRowCursor>? _readAhead;
    private readonly DataViewRowCursor?[] _lookaheads;
    private readonly Dictionary<long, object>[] _ahead;

    /// <param name="mapper">The bound step.</param>
    /// <param name="input">The input row or cursor.</param>
    /// <param name="activeColumns">The columns the caller reads.</param>
    /// <param name="readAhead">
    /// Opens a second cursor over the input in the same order, for steps that compute <see cref="RowMappingTransformer.BatchRows"/>
    /// rows at once; null: one row at a time.
    /// </param>
    public MappedRowCursor(BoundMapper mapper, DataViewRow input, IEnumerable<DataViewSchema.Column> activeColumns, Func<DataViewRowCursor>? readAhead = null)
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
        _readAhead = input is DataViewRowCursor ? readAhead : null;
        _lookaheads = new DataViewRowCursor?[_active.Length];
        _ahead = [.. Enumerable.Range(0, _active.Length).Select(_ => new Dictionary<long, object>())];
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
            foreach (DataViewRowCursor? lookahead in _lookaheads)
            {
                lookahead?.Dispose();
            }
        }

        base.Dispose(disposing);
    }

    private object Current(int j)
    {
        long position = _input.Position;
        if (_positions[j] != position || _values[j] is null)
        {
            _values[j] = _readAhead is null ? _mapper.Transformer.Compute(_reader, j) : ReadAhead(j, position);
            _positions[j] = position;
        }

        return _values[j]!;
    }

    // The value at `position` from the current batch, or a new batch computed from the rows starting there (the read-ahead
    // cursor yields the same rows in the same order, so its position matches this cursor's).
    private object ReadAhead(int j, long position)
    {
        if (_ahead[j].Remove(position, out object? value))
        {
            return value;
        }

        DataViewRowCursor lookahead = _lookaheads[j] ??= _readAhead!();
        while (lookahead.Position < position - 1)
        {
            if (!lookahead.MoveNext())
            {
                throw new InvalidOperationException($"The read-ahead cursor of {_mapper.Transformer.GetType().Name} ended before row {position}; its input changed while being read.");
            }
        }

        if (lookahead.Position != position - 1)
        {
            return _mapper.Transformer.Compute(_reader, j); // a row before the batch was asked for again: compute it alone
        }

        IReadOnlyList<object> values = _mapper.Transformer.ComputeRows(lookahead, _mapper.Transformer.BatchRows, j);
        _ahead[j].Clear();
        for (int k = 1; k < values.Count; k++)
        {
            _ahead[j][position + k] = values[k];
        }

        return values.Count > 0 ? values[0] : throw new InvalidOperationException($"{_mapper.Transformer.GetType().Name} computed no value for row {position}.");
    }

    // Vector columns are computed as float[]; every row gets its own array, so handing it out as a VBuffer is safe.
    private static TValue Convert<TValue>(object value) =>
        value is float[] array ? (TValue)(object)new VBuffer<float>(array.Length, array) : (TValue)value;
}
