namespace MLSeg.Core.Pipeline;

/// <summary>
/// Learns a transformer from a training view (ML.NET's shape). Estimators are immutable: fitting twice on the same
/// view gives transformers with the same output.
/// </summary>
/// <typeparam name="TTransformer">The transformer <see cref="Fit"/> returns.</typeparam>
public interface IEstimator<out TTransformer>
    where TTransformer : ITransformer
{
    /// <summary>
    /// The schema the fitted transformer will produce from <paramref name="inputSchema"/>, checked without data;
    /// throws <see cref="Errors.SchemaMismatchException"/> naming column, expected and found.
    /// </summary>
    DataSchema GetOutputSchema(DataSchema inputSchema);

    /// <summary>Learns from <paramref name="input"/> (the training fold only) and returns the fitted transformer.</summary>
    TTransformer Fit(IDataView input);
}
