using System.Text.Json.Nodes;
using MLSeg.Core.Errors;

namespace MLSeg.Core.Pipeline;

/// <summary>Keeps only the named columns, in the given order.</summary>
public sealed class SelectColumnsTransformer : ISavableTransformer
{
    /// <summary>The type name in <c>transformer.json</c>.</summary>
    public const string TypeName = "MLSeg.SelectColumns";

    private readonly string[] _columns;

    /// <summary>Selects <paramref name="columns"/> (at least one, no repeats).</summary>
    public SelectColumnsTransformer(params string[] columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Length == 0)
        {
            throw new ArgumentException("Select at least one column.", nameof(columns));
        }

        if (columns.Distinct(StringComparer.Ordinal).Count() != columns.Length)
        {
            throw new ArgumentException($"Columns repeat in [{string.Join(", ", columns)}].", nameof(columns));
        }

        _columns = [.. columns];
    }

    /// <summary>The selected columns in output order.</summary>
    public IReadOnlyList<string> Columns => _columns;

    /// <inheritdoc />
    public DataSchema GetOutputSchema(DataSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        var cols = new DataColumn[_columns.Length];
        for (int i = 0; i < cols.Length; i++)
        {
            cols[i] = inputSchema.Find(_columns[i])
                ?? throw new SchemaMismatchException(_columns[i], "a column to select", $"no such column (columns: {string.Join(", ", inputSchema.Columns.Select(c => c.Name))})");
        }

        return new DataSchema(cols);
    }

    /// <inheritdoc />
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        DataSchema output = GetOutputSchema(input.Schema);
        int[] index = [.. _columns.Select(input.Schema.IndexOf)];
        return new MappedDataView(input, output, row =>
        {
            var values = new object?[index.Length];
            for (int i = 0; i < index.Length; i++)
            {
                values[i] = row[index[i]];
            }

            return new DataRow(output, values);
        });
    }

    /// <inheritdoc />
    public void Save(string directory) =>
        new TransformerManifest(TypeName, 1, new JsonObject { ["columns"] = new JsonArray([.. _columns.Select(c => (JsonNode)c)]) }).Write(directory);

    /// <summary>Loads a transformer saved by <see cref="Save"/>.</summary>
    public static SelectColumnsTransformer LoadFrom(string directory, TransformerManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        manifest.RequireVersion(1);
        if (manifest.Parameters["columns"] is not JsonArray array)
        {
            throw new MLSegException($"{directory}: parameter 'columns' must be an array of strings.");
        }

        return new SelectColumnsTransformer([.. array.Select(n => n is JsonValue v && v.TryGetValue(out string? s)
            ? s
            : throw new MLSegException($"{directory}: parameter 'columns' must be an array of strings."))]);
    }
}
