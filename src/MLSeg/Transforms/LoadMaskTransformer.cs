using System.Text.Json.Nodes;
using MLSeg.Core.Errors;
using MLSeg.Core.Imaging;
using MLSeg.Data;
using MLSeg.IO;
using MLSeg.Persistence;
using MLSeg.Pipeline;

namespace MLSeg.Transforms;

/// <summary>
/// Loads the mask file named by a text column into a <see cref="LabelMapDataViewType"/> column (PNG, NPY, NIfTI,
/// DICOM-SEG via <see cref="MaskFiles"/>). With an <see cref="ImageColumn"/>, the mask must lie on that image's grid:
/// same size, and either the same spacing or none recorded (PNG and NPY carry none, read as 1×1 mm), in which case it
/// takes the image's spacing. A mask with another size or another recorded spacing is an error.
/// </summary>
public sealed class LoadMaskTransformer : RowMappingTransformer
{
    internal LoadMaskTransformer(string inputColumn, string outputColumn, string? imageColumn)
    {
        ArgumentException.ThrowIfNullOrEmpty(inputColumn);
        ArgumentException.ThrowIfNullOrEmpty(outputColumn);
        if (imageColumn is not null)
        {
            ArgumentException.ThrowIfNullOrEmpty(imageColumn);
        }

        InputColumn = inputColumn;
        OutputColumn = outputColumn;
        ImageColumn = imageColumn;
        List<ColumnRequirement> requirements = [ColumnRequirement.Text(inputColumn)];
        if (imageColumn is not null)
        {
            requirements.Add(ColumnRequirement.Image(imageColumn));
        }

        Contract = new ColumnContract(requirements, _ => [new OutputColumn(outputColumn, LabelMapDataViewType.Instance)]);
    }

    /// <summary>The text column holding mask paths.</summary>
    public string InputColumn { get; }

    /// <summary>The label-map column written.</summary>
    public string OutputColumn { get; }

    /// <summary>The image column whose grid the masks lie on, or null for no alignment.</summary>
    public string? ImageColumn { get; }

    internal override ColumnContract Contract { get; }

    internal override string TypeName => "MLSeg.LoadMask";

    internal override object Compute(RowValues row, int output)
    {
        string path = row.Text(InputColumn);
        if (path.Length == 0 || !File.Exists(path))
        {
            throw new FileNotFoundException($"Mask file '{path}' (column '{InputColumn}') does not exist.", path);
        }

        LabelMap mask = MaskFiles.Load(path);
        if (ImageColumn is null)
        {
            return mask;
        }

        Image2D image = row.Image(ImageColumn);
        if (mask.Height != image.Height || mask.Width != image.Width)
        {
            throw new ImageFormatException(
                $"Mask '{path}' is {mask.Height}x{mask.Width} (rows x columns) but its image (column '{ImageColumn}') is {image.Height}x{image.Width}; a mask must lie on its image's grid.");
        }

        if (mask.SpacingMm == image.SpacingMm)
        {
            return mask;
        }

        if (mask.SpacingMm != PixelSpacing.Unit)
        {
            throw new ImageFormatException(
                $"Mask '{path}' records spacing {mask.SpacingMm} but its image (column '{ImageColumn}') has {image.SpacingMm}; a mask must lie on its image's grid.");
        }

        return new LabelMap(mask.Height, mask.Width, mask.Labels, image.SpacingMm);
    }

    internal override JsonObject SaveTo(string directory) => new() { ["input"] = InputColumn, ["output"] = OutputColumn, ["image"] = ImageColumn };

    internal static LoadMaskTransformer Load(string directory, StepParameters p) => new(p.String("input"), p.String("output"), p.OptionalString("image"));
}
