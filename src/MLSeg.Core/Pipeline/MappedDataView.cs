namespace MLSeg.Core.Pipeline;

/// <summary>
/// A lazy view that maps each row of a source view through a pure function when enumerated. Nothing is cached:
/// enumerating twice maps twice, and yields equal rows because the function is pure.
/// </summary>
public sealed class MappedDataView : IDataView
{
    private readonly IDataView _source;
    private readonly Func<DataRow, DataRow> _map;

    /// <summary>Creates the view; <paramref name="map"/> must return rows following <paramref name="schema"/>.</summary>
    public MappedDataView(IDataView source, DataSchema schema, Func<DataRow, DataRow> map)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(map);
        _source = source;
        _map = map;
        Schema = schema;
    }

    /// <inheritdoc />
    public DataSchema Schema { get; }

    /// <inheritdoc />
    public IEnumerable<DataRow> GetRows()
    {
        foreach (DataRow row in _source.GetRows())
        {
            DataRow mapped = _map(row);
            if (!ReferenceEquals(mapped.Schema, Schema) && !mapped.Schema.Equals(Schema))
            {
                throw new InvalidOperationException($"A mapping produced a row with schema {mapped.Schema}; it promised {Schema}.");
            }

            yield return mapped;
        }
    }
}
