using MLSeg.Core.Errors;
using MLSeg.Core.Pipeline;

namespace MLSeg.Pipeline;

/// <summary>
/// Base of transformers that compute one output column from one input column per row (the output is added, or
/// replaces the column of the same name in place). The row is passed too, for maps that also read another column.
/// </summary>
/// <typeparam name="TIn">Type of the input column.</typeparam>
/// <typeparam name="TOut">Type of the output column.</typeparam>
public abstract class ColumnMapTransformer<TIn, TOut> : ISavableTransformer
    where TIn : class
    where TOut : class
{
    /// <summary>Reads <paramref name="inputColumn"/> and writes <paramref name="outputColumn"/>.</summary>
    protected ColumnMapTransformer(string inputColumn, string outputColumn)
    {
        ArgumentException.ThrowIfNullOrEmpty(inputColumn);
        ArgumentException.ThrowIfNullOrEmpty(outputColumn);
        InputColumn = inputColumn;
        OutputColumn = outputColumn;
    }

    /// <summary>The column read.</summary>
    public string InputColumn { get; }

    /// <summary>The column written.</summary>
    public string OutputColumn { get; }

    /// <inheritdoc />
    public virtual DataSchema GetOutputSchema(DataSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        inputSchema.Require(InputColumn, typeof(TIn));
        return inputSchema.With(new DataColumn(OutputColumn, typeof(TOut)));
    }

    /// <inheritdoc />
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        DataSchema output = GetOutputSchema(input.Schema);
        int inIndex = input.Schema.IndexOf(InputColumn);
        int outIndex = output.IndexOf(OutputColumn);
        int inputCount = input.Schema.Count;
        return new MappedDataView(input, output, row =>
        {
            var values = new object?[output.Count];
            for (int i = 0; i < inputCount; i++)
            {
                values[i] = row[i];
            }

            var value = row[inIndex] as TIn
                ?? throw new MLSegException($"Column '{InputColumn}' holds null in a row; {GetType().Name} needs a {typeof(TIn).Name}.");
            values[outIndex] = Map(value, row);
            return new DataRow(output, values);
        });
    }

    /// <summary>Computes the output value from the input value (never changing it) and, where needed, the row.</summary>
    protected abstract TOut Map(TIn value, DataRow row);

    /// <inheritdoc />
    public abstract void Save(string directory);
}
