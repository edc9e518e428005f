using Microsoft.ML;
using Microsoft.ML.Data;
using MLSeg.Core.Errors;
using MLSeg.Core.Imaging;

namespace MLSeg.Pipeline;

/// <summary>Typed reads of the current row's input columns for a component's per-row computation (getters made once per row object).</summary>
internal sealed class RowValues
{
    private readonly DataViewRow _row;
    private readonly Dictionary<string, Delegate> _getters = new(StringComparer.Ordinal);

    public RowValues(DataViewRow row) => _row = row;

    /// <summary>The row's position in its cursor (0-based).</summary>
    public long Position => _row.Position;

    public Image2D Image(string column) => Reference<Image2D>(column);

    public LabelMap LabelMap(string column) => Reference<LabelMap>(column);

    public string Text(string column)
    {
        ReadOnlyMemory<char> value = default;
        Getter<ReadOnlyMemory<char>>(column)(ref value);
        return value.ToString();
    }

    private T Reference<T>(string column)
        where T : class
    {
        T? value = null;
        Getter<T>(column)(ref value!);
        return value ?? throw new MLSegException($"Column '{column}' holds no {typeof(T).Name} in row {_row.Position}; every row needs one.");
    }

    private ValueGetter<T> Getter<T>(string column)
    {
        if (!_getters.TryGetValue(column, out Delegate? getter))
        {
            DataViewSchema.Column c = _row.Schema.GetColumnOrNull(column) ?? throw new SchemaMismatchException(column, "a column of that name", "no such column");
            getter = _row.GetGetter<T>(c);
            _getters[column] = getter;
        }

        return (ValueGetter<T>)getter;
    }
}
