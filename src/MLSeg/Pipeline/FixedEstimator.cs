using MLSeg.Core.Pipeline;

namespace MLSeg.Pipeline;

/// <summary>
/// Base of the facade's estimators that learn nothing (loading, windowing, resizing, ONNX inference): <see cref="Fit"/>
/// checks the schema and returns the transformer built from the estimator's parameters.
/// </summary>
/// <typeparam name="TTransformer">The transformer every fit returns.</typeparam>
public abstract class FixedEstimator<TTransformer> : IEstimator<TTransformer>
    where TTransformer : ITransformer
{
    /// <summary>Wraps <paramref name="transformer"/>.</summary>
    protected FixedEstimator(TTransformer transformer)
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
