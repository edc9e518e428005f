using Microsoft.ML;

namespace MLSeg.Pipeline;

/// <summary>
/// An MLSeg estimator that learns nothing (loading, windowing, resizing, ToTensor): <see cref="Fit"/> checks the
/// schema and returns its fixed transformer; <see cref="GetOutputSchema"/> propagates the schema before any data is read.
/// </summary>
/// <typeparam name="TTransformer">The transformer every fit returns.</typeparam>
public abstract class StatelessEstimator<TTransformer> : IEstimator<TTransformer>
    where TTransformer : RowMappingTransformer
{
    private protected StatelessEstimator(TTransformer transformer)
    {
        ArgumentNullException.ThrowIfNull(transformer);
        Transformer = transformer;
    }

    /// <summary>The transformer every fit returns.</summary>
    public TTransformer Transformer { get; }

    /// <inheritdoc />
    public SchemaShape GetOutputSchema(SchemaShape inputSchema) => Transformer.Contract.Check(inputSchema);

    /// <inheritdoc />
    public TTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        Transformer.GetOutputSchema(input.Schema);
        return Transformer;
    }
}
