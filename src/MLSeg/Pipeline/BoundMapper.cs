using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLSeg.Pipeline;

/// <summary>A <see cref="RowMappingTransformer"/> bound to one input schema: the row-to-row mapper ML.NET composes.</summary>
internal sealed class BoundMapper : IRowToRowMapper
{
    public BoundMapper(RowMappingTransformer transformer, DataViewSchema input, DataViewSchema output, IReadOnlyList<OutputColumn> added)
    {
        Transformer = transformer;
        InputSchema = input;
        OutputSchema = output;
        Added = added;
        Dependencies = [.. transformer.Contract.Requirements.Select(r => input[r.Name])];
    }

    public RowMappingTransformer Transformer { get; }

    public DataViewSchema InputSchema { get; }

    public DataViewSchema OutputSchema { get; }

    public IReadOnlyList<OutputColumn> Added { get; }

    /// <summary>The input columns the added columns are computed from.</summary>
    public IReadOnlyList<DataViewSchema.Column> Dependencies { get; }

    public IEnumerable<DataViewSchema.Column> GetDependencies(IEnumerable<DataViewSchema.Column> dependingColumns)
    {
        ArgumentNullException.ThrowIfNull(dependingColumns);
        var needed = new HashSet<int>();
        foreach (DataViewSchema.Column c in dependingColumns)
        {
            if (c.Index < InputSchema.Count)
            {
                needed.Add(c.Index);
            }
            else
            {
                needed.UnionWith(Dependencies.Select(d => d.Index));
            }
        }

        return [.. needed.Order().Select(i => InputSchema[i])];
    }

    public DataViewRow GetRow(DataViewRow input, IEnumerable<DataViewSchema.Column> activeColumns)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(activeColumns);
        return new MappedRowCursor(this, input, activeColumns);
    }
}
