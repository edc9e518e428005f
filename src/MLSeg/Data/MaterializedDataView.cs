using Microsoft.ML;
using Microsoft.ML.Data;
using MLSeg.Core.Errors;
using MLSeg.Core.Imaging;

namespace MLSeg.Data;

/// <summary>
/// Rows held in memory with every column, MLSeg's image and label-map columns included — what
/// <c>ml.Data.CacheInMemory</c> returns. ML.NET's own <c>ml.Data.Cache</c> silently drops columns of custom types,
/// so after loading, windowing and resizing, cache with this before several fits or epochs. Supported column types:
/// text, Boolean, Int32, Int64, Single, Double, Vector&lt;Single&gt;, <see cref="Image2DDataViewType"/> and
/// <see cref="LabelMapDataViewType"/>; another type fails naming the column.
/// </summary>
public sealed class MaterializedDataView : IDataView
{
    private static readonly Type[] Supported =
        [typeof(ReadOnlyMemory<char>), typeof(bool), typeof(int), typeof(long), typeof(float), typeof(double), typeof(VBuffer<float>), typeof(Image2D), typeof(LabelMap)];

    private readonly object?[][] _columns;

    internal MaterializedDataView(DataViewSchema schema, object?[][] columns, int rowCount)
    {
        Schema = schema;
        _columns = columns;
        RowCount = rowCount;
    }

    /// <inheritdoc />
    public DataViewSchema Schema { get; }

    /// <summary>Number of rows.</summary>
    public int RowCount { get; }

    /// <inheritdoc />
    public bool CanShuffle => false;

    /// <inheritdoc />
    public long? GetRowCount() => RowCount;

    /// <summary>Reads every row of <paramref name="source"/> once (every visible column) and keeps the values.</summary>
    /// <exception cref="SchemaMismatchException">A column has a type the cache cannot copy.</exception>
    public static MaterializedDataView Create(IDataView source)
    {
        ArgumentNullException.ThrowIfNull(source);
        DataViewSchema.Column[] columns = [.. source.Schema.Where(c => !c.IsHidden)];
        foreach (DataViewSchema.Column c in columns)
        {
            if (!Supported.Contains(c.Type.RawType))
            {
                throw new SchemaMismatchException(c.Name, "a column type CacheInMemory can copy (text, Boolean, Int32, Int64, Single, Double, Vector<Single>, Image2D, LabelMap)", c.Type.ToString() ?? c.Type.GetType().Name);
            }
        }

        var values = columns.Select(_ => new List<object?>()).ToArray();
        using (DataViewRowCursor cursor = source.GetRowCursor(columns))
        {
            Func<object?>[] readers = [.. columns.Select(c => Reader(cursor, c))];
            while (cursor.MoveNext())
            {
                for (int i = 0; i < columns.Length; i++)
                {
                    values[i].Add(readers[i]());
                }
            }
        }

        var builder = new DataViewSchema.Builder();
        foreach (DataViewSchema.Column c in columns)
        {
            builder.AddColumn(c.Name, c.Type, c.Annotations);
        }

        return new MaterializedDataView(builder.ToSchema(), [.. values.Select(v => v.ToArray())], values.Length == 0 ? 0 : values[0].Count);
    }

    /// <inheritdoc />
    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        ArgumentNullException.ThrowIfNull(columnsNeeded);
        var active = new bool[Schema.Count];
        foreach (DataViewSchema.Column c in columnsNeeded)
        {
            active[c.Index] = true;
        }

        return new Cursor(this, active);
    }

    /// <inheritdoc />
    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) => [GetRowCursor(columnsNeeded, rand)];

    private static Func<object?> Reader(DataViewRowCursor cursor, DataViewSchema.Column c) => c.Type.RawType switch
    {
        var t when t == typeof(ReadOnlyMemory<char>) => Box<ReadOnlyMemory<char>>(cursor, c, v => v.ToString().AsMemory()),
        var t when t == typeof(bool) => Box<bool>(cursor, c, v => v),
        var t when t == typeof(int) => Box<int>(cursor, c, v => v),
        var t when t == typeof(long) => Box<long>(cursor, c, v => v),
        var t when t == typeof(float) => Box<float>(cursor, c, v => v),
        var t when t == typeof(double) => Box<double>(cursor, c, v => v),
        var t when t == typeof(VBuffer<float>) => Box<VBuffer<float>>(cursor, c, v =>
        {
            VBuffer<float> copy = default;
            v.CopyTo(ref copy);
            return copy;
        }),
        var t when t == typeof(Image2D) => Box<Image2D>(cursor, c, v => v),
        _ => Box<LabelMap>(cursor, c, v => v),
    };

    private static Func<object?> Box<T>(DataViewRowCursor cursor, DataViewSchema.Column c, Func<T, object?> copy)
    {
        ValueGetter<T> getter = cursor.GetGetter<T>(c);
        return () =>
        {
            T value = default!;
            getter(ref value);
            return copy(value);
        };
    }

    private sealed class Cursor : DataViewRowCursor
    {
        private readonly MaterializedDataView _view;
        private readonly bool[] _active;
        private long _position = -1;

        public Cursor(MaterializedDataView view, bool[] active)
        {
            _view = view;
            _active = active;
        }

        public override DataViewSchema Schema => _view.Schema;

        public override long Position => _position;

        public override long Batch => 0;

        public override bool IsColumnActive(DataViewSchema.Column column) => _active[column.Index];

        public override bool MoveNext()
        {
            if (_position + 1 >= _view.RowCount)
            {
                _position = _view.RowCount;
                return false;
            }

            _position++;
            return true;
        }

        public override ValueGetter<DataViewRowId> GetIdGetter() => (ref DataViewRowId id) => id = new DataViewRowId((ulong)_position, 0);

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            if (!_active[column.Index])
            {
                throw new InvalidOperationException($"Column '{column.Name}' was not requested from this cursor; ask for it in columnsNeeded.");
            }

            if (typeof(TValue) != column.Type.RawType)
            {
                throw new InvalidOperationException($"Column '{column.Name}' holds {column.Type.RawType.Name} values; a getter of {typeof(TValue).Name} was requested.");
            }

            object?[] values = _view._columns[column.Index];
            if (typeof(TValue) == typeof(VBuffer<float>))
            {
                // The caller owns the buffer it passes in; copy so that it never writes into the cache.
                return (ValueGetter<TValue>)(Delegate)new ValueGetter<VBuffer<float>>((ref VBuffer<float> value) => ((VBuffer<float>)values[Current()]!).CopyTo(ref value));
            }

            return (ref TValue value) => value = (TValue)values[Current()]!;
        }

        private int Current() => _position >= 0 && _position < _view.RowCount
            ? (int)_position
            : throw new InvalidOperationException("The cursor is not on a row; call MoveNext first.");
    }
}
