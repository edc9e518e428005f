namespace MLSeg.Core.Pipeline;

/// <summary>
/// Estimators fitted one after another, each on the output of the transformers fitted before it (ML.NET's shape).
/// <see cref="Fit"/> first checks the whole chain's schema, so a wrong column fails before any training starts.
/// </summary>
public sealed class EstimatorChain : IEstimator<TransformerChain>
{
    private readonly IEstimator<ITransformer>[] _estimators;

    /// <summary>An empty chain (fits to the identity).</summary>
    public EstimatorChain() => _estimators = [];

    private EstimatorChain(IEstimator<ITransformer>[] estimators) => _estimators = estimators;

    /// <summary>The estimators in order.</summary>
    public IReadOnlyList<IEstimator<ITransformer>> Estimators => _estimators;

    /// <summary>A new chain with <paramref name="estimator"/> appended (this chain is unchanged).</summary>
    public EstimatorChain Append(IEstimator<ITransformer> estimator)
    {
        ArgumentNullException.ThrowIfNull(estimator);
        return new EstimatorChain([.. _estimators, estimator]);
    }

    /// <inheritdoc />
    public DataSchema GetOutputSchema(DataSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        DataSchema schema = inputSchema;
        foreach (IEstimator<ITransformer> e in _estimators)
        {
            schema = e.GetOutputSchema(schema);
        }

        return schema;
    }

    /// <inheritdoc />
    public TransformerChain Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        GetOutputSchema(input.Schema);
        var fitted = new List<ITransformer>(_estimators.Length);
        IDataView view = input;
        foreach (IEstimator<ITransformer> e in _estimators)
        {
            ITransformer t = e.Fit(view);
            fitted.Add(t);
            view = t.Transform(view);
        }

        return new TransformerChain(fitted);
    }
}
