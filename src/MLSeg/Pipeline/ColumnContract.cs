using Microsoft.ML;
using Microsoft.ML.Data;
using MLSeg.Core.Errors;

namespace MLSeg.Pipeline;

/// <summary>
/// What a component reads and what it adds, checked the same way against a <see cref="DataViewSchema"/> (Transform,
/// PredictionEngine) and a <see cref="SchemaShape"/> (schema propagation before the first Fit). An added column with
/// the name of an input column hides it, as in ML.NET's own transforms.
/// </summary>
internal sealed class ColumnContract
{
    private readonly Func<Func<string, DataViewType>, IReadOnlyList<OutputColumn>> _outputs;

    /// <summary>Requires <paramref name="requirements"/>; <paramref name="outputs"/> computes the added columns from the input types.</summary>
    public ColumnContract(IReadOnlyList<ColumnRequirement> requirements, Func<Func<string, DataViewType>, IReadOnlyList<OutputColumn>> outputs)
    {
        Requirements = requirements;
        _outputs = outputs;
    }

    /// <summary>The columns read.</summary>
    public IReadOnlyList<ColumnRequirement> Requirements { get; }

    /// <summary>Checks <paramref name="input"/> and returns the added columns.</summary>
    /// <exception cref="SchemaMismatchException">A required column is missing or of another type.</exception>
    public IReadOnlyList<OutputColumn> Check(DataViewSchema input)
    {
        ArgumentNullException.ThrowIfNull(input);
        IEnumerable<string> present = input.Where(c => !c.IsHidden).Select(c => c.Name);
        DataViewType TypeOf(string name) => input.GetColumnOrNull(name)?.Type ?? throw Missing(name, "a column of that name", present);
        foreach (ColumnRequirement r in Requirements)
        {
            DataViewType found = input.GetColumnOrNull(r.Name)?.Type ?? throw Missing(r.Name, r.Expected, present);
            if (!r.Accepts(found))
            {
                throw new SchemaMismatchException(r.Name, r.Expected, found.ToString() ?? found.GetType().Name);
            }
        }

        return _outputs(TypeOf);
    }

    /// <summary>The output schema: the input's columns, then the added ones.</summary>
    public DataViewSchema OutputSchema(DataViewSchema input, IReadOnlyList<OutputColumn> added)
    {
        var builder = new DataViewSchema.Builder();
        builder.AddColumns(input);
        foreach (OutputColumn c in added)
        {
            builder.AddColumn(c.Name, c.Type);
        }

        return builder.ToSchema();
    }

    /// <summary>Checks <paramref name="input"/> without data and returns the shape after the component.</summary>
    /// <exception cref="SchemaMismatchException">A required column is missing or of another type.</exception>
    public SchemaShape Check(SchemaShape input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var byName = input.ToDictionary(c => c.Name, StringComparer.Ordinal);
        DataViewType TypeOf(string name) => byName.TryGetValue(name, out SchemaShape.Column c) ? TypeOfShape(c) : throw Missing(name, "a column of that name", byName.Keys);
        foreach (ColumnRequirement r in Requirements)
        {
            DataViewType found = byName.TryGetValue(r.Name, out SchemaShape.Column c) ? TypeOfShape(c) : throw Missing(r.Name, r.Expected, byName.Keys);
            if (!r.Accepts(found))
            {
                throw new SchemaMismatchException(r.Name, r.Expected, found.ToString() ?? found.GetType().Name);
            }
        }

        IReadOnlyList<OutputColumn> added = _outputs(TypeOf);
        var columns = input.Where(c => !added.Any(a => a.Name == c.Name)).ToList();
        foreach (OutputColumn a in added)
        {
            columns.Add(a.Type is VectorDataViewType v
                ? MLNetInternals.Column(a.Name, v.IsKnownSize ? SchemaShape.Column.VectorKind.Vector : SchemaShape.Column.VectorKind.VariableVector, v.ItemType)
                : MLNetInternals.Column(a.Name, SchemaShape.Column.VectorKind.Scalar, a.Type));
        }

        return new SchemaShape(columns);
    }

    // A shape keeps only kind and item type; vectors come back without their dimensions.
    private static DataViewType TypeOfShape(SchemaShape.Column c) =>
        c.Kind == SchemaShape.Column.VectorKind.Scalar || c.ItemType is not PrimitiveDataViewType item ? c.ItemType : new VectorDataViewType(item);

    private static SchemaMismatchException Missing(string name, string expected, IEnumerable<string> present)
    {
        string list = string.Join(", ", present);
        return new SchemaMismatchException(name, expected, $"no such column (columns: {(list.Length == 0 ? "none" : list)})");
    }
}

/// <summary>A column a component adds.</summary>
internal sealed record OutputColumn(string Name, DataViewType Type);
