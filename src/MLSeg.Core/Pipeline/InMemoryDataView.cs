namespace MLSeg.Core.Pipeline;

/// <summary>A data view over rows held in memory (tests, small cohorts, materialised results).</summary>
public sealed class InMemoryDataView : IDataView
{
    private readonly DataRow[] _rows;

    /// <summary>Creates the view; every row must follow <paramref name="schema"/>.</summary>
    public InMemoryDataView(DataSchema schema, IEnumerable<DataRow> rows)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(rows);
        _rows = [.. rows];
        for (int i = 0; i < _rows.Length; i++)
        {
            if (!_rows[i].Schema.Equals(schema))
            {
                throw new ArgumentException($"Row {i} has schema {_rows[i].Schema}; the view's schema is {schema}.", nameof(rows));
            }
        }

        Schema = schema;
    }

    /// <inheritdoc />
    public DataSchema Schema { get; }

    /// <summary>Number of rows.</summary>
    public int Count => _rows.Length;

    /// <inheritdoc />
    public IEnumerable<DataRow> GetRows() => _rows;

    /// <summary>Enumerates <paramref name="view"/> once and keeps its rows.</summary>
    public static InMemoryDataView Materialize(IDataView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return new InMemoryDataView(view.Schema, view.GetRows());
    }
}
