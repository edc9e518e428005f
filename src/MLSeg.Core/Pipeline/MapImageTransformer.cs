using System.Text.Json.Nodes;
using MLSeg.Core.Imaging;

namespace MLSeg.Core.Pipeline;

/// <summary>
/// Applies a named pure function from <see cref="ImageFunctions"/> to an <see cref="Image2D"/> column, writing the
/// result to an output column (the same one by default). Saved by the function's name.
/// </summary>
public sealed class MapImageTransformer : ISavableTransformer
{
    /// <summary>The type name in <c>transformer.json</c>.</summary>
    public const string TypeName = "MLSeg.MapImage";

    private readonly Func<Image2D, Image2D> _function;

    /// <summary>Maps <paramref name="inputColumn"/> through <paramref name="functionName"/> into <paramref name="outputColumn"/>.</summary>
    public MapImageTransformer(string functionName, string inputColumn = WellKnownColumns.Image, string? outputColumn = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(inputColumn);
        _function = ImageFunctions.Get(functionName);
        FunctionName = functionName;
        InputColumn = inputColumn;
        OutputColumn = string.IsNullOrEmpty(outputColumn) ? inputColumn : outputColumn;
    }

    /// <summary>The registered function's name.</summary>
    public string FunctionName { get; }

    /// <summary>The column read.</summary>
    public string InputColumn { get; }

    /// <summary>The column written (added, or replaced in place).</summary>
    public string OutputColumn { get; }

    /// <inheritdoc />
    public DataSchema GetOutputSchema(DataSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        inputSchema.Require(InputColumn, typeof(Image2D));
        return inputSchema.With(new DataColumn(OutputColumn, typeof(Image2D)));
    }

    /// <inheritdoc />
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        DataSchema output = GetOutputSchema(input.Schema);
        int inIndex = input.Schema.IndexOf(InputColumn);
        int outIndex = output.IndexOf(OutputColumn);
        return new MappedDataView(input, output, row =>
        {
            var values = new object?[output.Count];
            for (int i = 0; i < input.Schema.Count; i++)
            {
                values[i] = row[i];
            }

            values[outIndex] = _function((Image2D)row[inIndex]!);
            return new DataRow(output, values);
        });
    }

    /// <inheritdoc />
    public void Save(string directory) =>
        new TransformerManifest(TypeName, 1, new JsonObject
        {
            ["function"] = FunctionName,
            ["input"] = InputColumn,
            ["output"] = OutputColumn,
        }).Write(directory);

    /// <summary>Loads a transformer saved by <see cref="Save"/>; the function must be registered under the same name.</summary>
    public static MapImageTransformer LoadFrom(string directory, TransformerManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        manifest.RequireVersion(1);
        return new MapImageTransformer(manifest.GetString("function"), manifest.GetString("input"), manifest.GetString("output"));
    }
}
