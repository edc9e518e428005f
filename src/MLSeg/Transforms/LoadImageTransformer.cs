using System.Text.Json.Nodes;
using MLSeg.Core.Imaging;
using MLSeg.Core.Pipeline;
using MLSeg.IO;
using MLSeg.Pipeline;

namespace MLSeg.Transforms;

/// <summary>
/// Loads the image file named by a path column into an <see cref="Image2D"/> column, picking the reader by content
/// (<see cref="MaskFiles.Readers"/>: DICOM after the Modality LUT, i.e. HU for CT; NIfTI; PNG; NPY). A 3-D file must
/// hold exactly one slice.
/// </summary>
public sealed class LoadImageTransformer : ColumnMapTransformer<string, Image2D>
{
    /// <summary>The type name in <c>transformer.json</c>.</summary>
    public const string TypeName = "MLSeg.LoadImage";

    /// <summary>Reads paths from <paramref name="inputColumn"/> and writes images to <paramref name="outputColumn"/>.</summary>
    public LoadImageTransformer(string inputColumn, string outputColumn) : base(inputColumn, outputColumn) { }

    /// <inheritdoc />
    protected override Image2D Map(string value, DataRow row)
    {
        if (!File.Exists(value))
        {
            throw new FileNotFoundException($"Image file '{value}' (column '{InputColumn}') does not exist.", value);
        }

        return MaskFiles.Readers.Load(value).AsImage2D();
    }

    /// <inheritdoc />
    public override void Save(string directory) =>
        new TransformerManifest(TypeName, 1, new JsonObject { ["input"] = InputColumn, ["output"] = OutputColumn }).Write(directory);

    /// <summary>Loads a transformer saved by <see cref="Save"/>.</summary>
    public static LoadImageTransformer LoadFrom(string directory, TransformerManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        manifest.RequireVersion(1);
        return new LoadImageTransformer(manifest.GetString("input"), manifest.GetString("output"));
    }
}
