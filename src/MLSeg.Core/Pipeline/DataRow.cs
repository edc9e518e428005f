using MLSeg.Core.Errors;

namespace MLSeg.Core.Pipeline;

/// <summary>
/// One row of a data view: a value per schema column. Rows are immutable snapshots; transformers create new rows
/// (and new images) rather than changing the ones they read, so a view can be enumerated again with the same result.
/// </summary>
public sealed class DataRow
{
    private readonly object?[] _values;

    /// <summary>Creates a row; every value must be null (reference-typed columns only) or of its column's type.</summary>
    public DataRow(DataSchema schema, params object?[] values)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length != schema.Count)
        {
            throw new ArgumentException($"Row has {values.Length} values; the schema {schema} has {schema.Count} columns.", nameof(values));
        }

        for (int i = 0; i < values.Length; i++)
        {
            DataColumn column = schema.Columns[i];
            object? v = values[i];
            if (v is null ? column.Type.IsValueType : v.GetType() != column.Type)
            {
                throw new SchemaMismatchException(column.Name, $"a value of type {column.TypeName}", v is null ? "null" : $"a value of type {v.GetType().Name}");
            }
        }

        Schema = schema;
        _values = values;
    }

    /// <summary>The schema this row follows.</summary>
    public DataSchema Schema { get; }

    /// <summary>The value at column position <paramref name="index"/>.</summary>
    public object? this[int index] => _values[index];

    /// <summary>The value of column <paramref name="name"/> as <typeparamref name="T"/>; fails when absent or of another type.</summary>
    public T Get<T>(string name)
    {
        int i = Schema.Require(name, typeof(T));
        return (T)_values[i]!;
    }

    /// <summary>A copy of the values in column order.</summary>
    public object?[] ToArray() => (object?[])_values.Clone();
}
