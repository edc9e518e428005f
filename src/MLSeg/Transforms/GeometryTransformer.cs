using MLSeg.Core.Imaging;
using MLSeg.Data;
using MLSeg.Pipeline;

namespace MLSeg.Transforms;

/// <summary>
/// Base of the spatial transforms that must move an image and its label map together: <see cref="ImageColumn"/> is
/// always mapped (in place); <see cref="LabelColumn"/>, when not null, is required and mapped with the label-safe
/// variant. Both outputs have the fixed size <see cref="Height"/> × <see cref="Width"/>, which their column types carry.
/// </summary>
public abstract class GeometryTransformer : RowMappingTransformer
{
    private protected GeometryTransformer(int height, int width, string imageColumn, string? labelColumn)
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
        List<ColumnRequirement> requirements = [ColumnRequirement.Image(imageColumn)];
        List<OutputColumn> outputs = [new(imageColumn, Image2DDataViewType.FixedSize(height, width))];
        if (labelColumn is not null)
        {
            requirements.Add(ColumnRequirement.LabelMap(labelColumn));
            outputs.Add(new(labelColumn, LabelMapDataViewType.FixedSize(height, width)));
        }

        Contract = new ColumnContract(requirements, _ => outputs);
    }

    /// <summary>Output rows.</summary>
    public int Height { get; }

    /// <summary>Output columns.</summary>
    public int Width { get; }

    /// <summary>The image column (mapped in place).</summary>
    public string ImageColumn { get; }

    /// <summary>The label column (mapped in place), or null.</summary>
    public string? LabelColumn { get; }

    internal override ColumnContract Contract { get; }

    internal override object Compute(RowValues row, int output) =>
        output == 0 ? MapImage(row.Image(ImageColumn)) : MapLabels(row.LabelMap(LabelColumn!));

    private protected abstract Image2D MapImage(Image2D image);

    private protected abstract LabelMap MapLabels(LabelMap labels);
}
