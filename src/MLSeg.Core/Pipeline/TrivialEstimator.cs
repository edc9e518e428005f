namespace MLSeg.Core.Pipeline;

/// <summary>
/// An estimator that learns nothing (loading, windowing, resizing, ONNX inference): <see cref="Fit"/> checks the schema and
/// returns a fixed transformer. Used directly, or as the base of such estimators.
/// </summary>
/// <typeparam name="TTransformer">The transformer it wraps.</typeparam>
public class TrivialEstimator<TTransformer> : IEstimator<TTransformer>
    where TTransformer : ITransformer
{
    /// <summary>Wraps <paramref name="transformer"/>.</summary>
    public TrivialEstimator(TTransformer transformer)
    {
        ArgumentNullException.ThrowIfNull(transformer);
        Transformer = transformer;
    }

    /// <summary>The transformer every fit returns.</summary>
    public TTransformer Transformer { get; }

    /// <inheritdoc />
    public DataSchema GetOutputSchema(DataSchema inputSchema) => Transformer.GetOutputSchema(inputSchema);

    /// <inheritdoc />
    public TTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        Transformer.GetOutputSchema(input.Schema);
        return Transformer;
    }
}
