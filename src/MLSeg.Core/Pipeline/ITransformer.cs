namespace MLSeg.Core.Pipeline;

/// <summary>A fitted, immutable data transformation (ML.NET's shape).</summary>
public interface ITransformer
{
    /// <summary>
    /// The schema <see cref="Transform"/> produces from a view with <paramref name="inputSchema"/>; throws
    /// <see cref="Errors.SchemaMismatchException"/> when the input lacks a needed column or has the wrong type.
    /// </summary>
    DataSchema GetOutputSchema(DataSchema inputSchema);

    /// <summary>A lazy view of the transformed rows (the input view is not enumerated here).</summary>
    IDataView Transform(IDataView input);
}
