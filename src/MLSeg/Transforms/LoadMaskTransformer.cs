using System.Text.Json.Nodes;
using MLSeg.Core.Errors;
using MLSeg.Core.Imaging;
using MLSeg.Core.Pipeline;
using MLSeg.IO;
using MLSeg.Pipeline;

namespace MLSeg.Transforms;

/// <summary>
/// Loads the mask file named by a path column into a <see cref="LabelMap"/> column (PNG, NPY, NIfTI, DICOM-SEG via
/// <see cref="MaskFiles"/>). With an <see cref="ImageColumn"/>, the mask must lie on that image's grid: same size, and
/// either the same spacing or none recorded (PNG and NPY carry none, read as 1×1 mm), in which case it takes the
/// image's spacing. A mask with another size or another recorded spacing is an error.
/// </summary>
public sealed class LoadMaskTransformer : ColumnMapTransformer<string, LabelMap>
{
    /// <summary>The type name in <c>transformer.json</c>.</summary>
    public const string TypeName = "MLSeg.LoadMask";

    /// <summary>Reads paths from <paramref name="inputColumn"/>, writes label maps to <paramref name="outputColumn"/>, aligned to <paramref name="imageColumn"/> (or null).</summary>
    public LoadMaskTransformer(string inputColumn, string outputColumn, string? imageColumn) : base(inputColumn, outputColumn)
    {
        if (imageColumn is not null)
        {
            ArgumentException.ThrowIfNullOrEmpty(imageColumn);
        }

        ImageColumn = imageColumn;
    }

    /// <summary>The image column whose grid the masks lie on, or null for no alignment.</summary>
    public string? ImageColumn { get; }

    /// <inheritdoc />
    public override DataSchema GetOutputSchema(DataSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        if (ImageColumn is not null)
        {
            inputSchema.Require(ImageColumn, typeof(Image2D));
        }

        return base.GetOutputSchema(inputSchema);
    }

    /// <inheritdoc />
    protected override LabelMap Map(string value, DataRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (value.Length == 0 || !File.Exists(value))
        {
            throw new FileNotFoundException($"Mask file '{value}' (column '{InputColumn}') does not exist.", value);
        }

        LabelMap mask = MaskFiles.Load(value);
        if (ImageColumn is null)
        {
            return mask;
        }

        Image2D image = row.Get<Image2D>(ImageColumn);
        if (mask.Height != image.Height || mask.Width != image.Width)
        {
            throw new ImageFormatException(
                $"Mask '{value}' is {mask.Height}x{mask.Width} (rows x columns) but its image (column '{ImageColumn}') is {image.Height}x{image.Width}; a mask must lie on its image's grid.");
        }

        if (mask.SpacingMm == image.SpacingMm)
        {
            return mask;
        }

        if (mask.SpacingMm != PixelSpacing.Unit)
        {
            throw new ImageFormatException(
                $"Mask '{value}' records spacing {mask.SpacingMm} but its image (column '{ImageColumn}') has {image.SpacingMm}; a mask must lie on its image's grid.");
        }

        return new LabelMap(mask.Height, mask.Width, mask.Labels, image.SpacingMm);
    }

    /// <inheritdoc />
    public override void Save(string directory) =>
        new TransformerManifest(TypeName, 1, new JsonObject { ["input"] = InputColumn, ["output"] = OutputColumn, ["image"] = ImageColumn }).Write(directory);

    /// <summary>Loads a transformer saved by <see cref="Save"/>.</summary>
    public static LoadMaskTransformer LoadFrom(string directory, TransformerManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        manifest.RequireVersion(1);
        return new LoadMaskTransformer(manifest.GetString("input"), manifest.GetString("output"), ManifestValues.GetOptionalString(manifest, "image"));
    }
}
