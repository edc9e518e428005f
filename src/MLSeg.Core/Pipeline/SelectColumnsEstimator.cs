namespace MLSeg.Core.Pipeline;

/// <summary>Creates a <see cref="SelectColumnsTransformer"/>; nothing to learn.</summary>
public sealed class SelectColumnsEstimator : IEstimator<SelectColumnsTransformer>
{
    private readonly TrivialEstimator<SelectColumnsTransformer> _inner;

    /// <summary>Selects <paramref name="columns"/> in that order.</summary>
    public SelectColumnsEstimator(params string[] columns) => _inner = new(new SelectColumnsTransformer(columns));

    /// <inheritdoc />
    public DataSchema GetOutputSchema(DataSchema inputSchema) => _inner.GetOutputSchema(inputSchema);

    /// <inheritdoc />
    public SelectColumnsTransformer Fit(IDataView input) => _inner.Fit(input);
}
