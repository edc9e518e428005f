namespace MLSeg.Core.Pipeline;

/// <summary>Creates a <see cref="MapImageTransformer"/>; nothing to learn.</summary>
public sealed class MapImageEstimator : IEstimator<MapImageTransformer>
{
    private readonly TrivialEstimator<MapImageTransformer> _inner;

    /// <summary>Maps <paramref name="inputColumn"/> through the named function into <paramref name="outputColumn"/>.</summary>
    public MapImageEstimator(string functionName, string inputColumn = WellKnownColumns.Image, string? outputColumn = null) =>
        _inner = new(new MapImageTransformer(functionName, inputColumn, outputColumn));

    /// <inheritdoc />
    public DataSchema GetOutputSchema(DataSchema inputSchema) => _inner.GetOutputSchema(inputSchema);

    /// <inheritdoc />
    public MapImageTransformer Fit(IDataView input) => _inner.Fit(input);
}
