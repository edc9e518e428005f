using MLSeg.Core.Errors;
using MLSeg.Core.Imaging;
using MLSeg.Core.Pipeline;

namespace MLSeg.Transforms;

/// <summary>
/// Base of the spatial transforms that must move an image and its label map together: <see cref="ImageColumn"/> is
/// always mapped; <see cref="LabelColumn"/>, when not null, is required and mapped with the label-safe variant.
/// </summary>
public abstract class GeometryTransformer : ISavableTransformer
{
    /// <summary>Maps <paramref name="imageColumn"/> and (unless null) <paramref name="labelColumn"/> to <paramref name="height"/> × <paramref name="width"/>.</summary>
    protected GeometryTransformer(int height, int width, string imageColumn, string? labelColumn)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentException.ThrowIfNullOrEmpty(imageColumn);
        if (labelColumn is not null)
        {
            ArgumentException.ThrowIfNullOrEmpty(labelColumn);
        }

        Height = height;
        Width = width;
        ImageColumn = imageColumn;
        LabelColumn = labelColumn;
    }

    /// <summary>Output rows.</summary>
    public int Height { get; }

    /// <summary>Output columns.</summary>
    public int Width { get; }

    /// <summary>The image column (mapped in place).</summary>
    public string ImageColumn { get; }

    /// <summary>The label column (mapped in place), or null.</summary>
    public string? LabelColumn { get; }

    /// <inheritdoc />
    public DataSchema GetOutputSchema(DataSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        inputSchema.Require(ImageColumn, typeof(Image2D));
        if (LabelColumn is not null)
        {
            inputSchema.Require(LabelColumn, typeof(LabelMap));
        }

        return inputSchema;
    }

    /// <inheritdoc />
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        DataSchema schema = GetOutputSchema(input.Schema);
        int imageIndex = schema.IndexOf(ImageColumn);
        int labelIndex = LabelColumn is null ? -1 : schema.IndexOf(LabelColumn);
        return new MappedDataView(input, schema, row =>
        {
            object?[] values = row.ToArray();
            values[imageIndex] = MapImage(values[imageIndex] as Image2D
                ?? throw new MLSegException($"Column '{ImageColumn}' holds null in a row; {GetType().Name} needs an image."));
            if (labelIndex >= 0)
            {
                values[labelIndex] = MapLabels(values[labelIndex] as LabelMap
                    ?? throw new MLSegException($"Column '{LabelColumn}' holds null in a row; {GetType().Name} needs a label map."));
            }

            return new DataRow(schema, values);
        });
    }

    /// <summary>The mapped image (a new one).</summary>
    protected abstract Image2D MapImage(Image2D image);

    /// <summary>The mapped label map (a new one).</summary>
    protected abstract LabelMap MapLabels(LabelMap labels);

    /// <inheritdoc />
    public abstract void Save(string directory);
}
