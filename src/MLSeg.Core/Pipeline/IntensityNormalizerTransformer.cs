using System.Text.Json.Nodes;
using MLSeg.Core.Errors;
using MLSeg.Core.Imaging;

namespace MLSeg.Core.Pipeline;

/// <summary>
/// Z-scores an image column with fixed statistics: <c>(x − Mean) / StdDev</c>, computed in double and stored as float.
/// The statistics come from the training view (<see cref="IntensityNormalizerEstimator"/>), never from the view
/// being transformed.
/// </summary>
public sealed class IntensityNormalizerTransformer : ISavableTransformer
{
    /// <summary>The type name in <c>transformer.json</c>.</summary>
    public const string TypeName = "MLSeg.IntensityNormalizer";

    /// <summary>Creates the transformer for <paramref name="column"/> with the given statistics.</summary>
    public IntensityNormalizerTransformer(string column, double mean, double stdDev)
    {
        ArgumentException.ThrowIfNullOrEmpty(column);
        if (!double.IsFinite(mean))
        {
            throw new ArgumentOutOfRangeException(nameof(mean), $"Mean must be finite; got {mean}.");
        }

        if (!(stdDev > 0) || !double.IsFinite(stdDev))
        {
            throw new ArgumentOutOfRangeException(nameof(stdDev), $"Standard deviation must be finite and > 0; got {stdDev}.");
        }

        Column = column;
        Mean = mean;
        StdDev = stdDev;
    }

    /// <summary>The image column normalised in place.</summary>
    public string Column { get; }

    /// <summary>The training mean subtracted.</summary>
    public double Mean { get; }

    /// <summary>The training (population) standard deviation divided by.</summary>
    public double StdDev { get; }

    /// <inheritdoc />
    public DataSchema GetOutputSchema(DataSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        inputSchema.Require(Column, typeof(Image2D));
        return inputSchema;
    }

    /// <inheritdoc />
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        DataSchema schema = GetOutputSchema(input.Schema);
        int index = schema.IndexOf(Column);
        return new MappedDataView(input, schema, row =>
        {
            object?[] values = row.ToArray();
            values[index] = Apply((Image2D)values[index]!);
            return new DataRow(schema, values);
        });
    }

    /// <summary>The z-scored copy of <paramref name="image"/>.</summary>
    public Image2D Apply(Image2D image)
    {
        ArgumentNullException.ThrowIfNull(image);
        ReadOnlySpan<float> src = image.Data;
        var data = new float[src.Length];
        double scale = 1.0 / StdDev;
        for (int i = 0; i < src.Length; i++)
        {
            data[i] = (float)((src[i] - Mean) * scale);
        }

        return image.WithData(data);
    }

    /// <inheritdoc />
    public void Save(string directory) =>
        new TransformerManifest(TypeName, 1, new JsonObject { ["column"] = Column, ["mean"] = Mean, ["std"] = StdDev }).Write(directory);

    /// <summary>Loads a transformer saved by <see cref="Save"/> (doubles round-trip exactly through JSON).</summary>
    public static IntensityNormalizerTransformer LoadFrom(string directory, TransformerManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        manifest.RequireVersion(1);
        double std = manifest.GetDouble("std");
        if (!(std > 0))
        {
            throw new MLSegException($"{directory}: parameter 'std' must be > 0; found {std}.");
        }

        return new IntensityNormalizerTransformer(manifest.GetString("column"), manifest.GetDouble("mean"), std);
    }
}
