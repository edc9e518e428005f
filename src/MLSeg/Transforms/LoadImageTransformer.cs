using System.Text.Json.Nodes;
using MLSeg.Core.Caching;
using MLSeg.Core.Imaging;
using MLSeg.Core.Pipeline;
using MLSeg.Dicom;
using MLSeg.ImageIO;
using MLSeg.IO;
using MLSeg.Pipeline;

namespace MLSeg.Transforms;

/// <summary>
/// Loads the image file named by a path column into an <see cref="Image2D"/> column, picking the reader by content
/// (<see cref="MaskFiles.Readers"/>: DICOM after the Modality LUT, i.e. HU for CT; NIfTI; PNG; NPY). A 3-D file must
/// hold exactly one slice. With a <see cref="Cache"/>, each decoded image is kept under the content hash of its file
/// (plus the reader set and decoder code version), so later passes and later runs skip decoding; the cache is a
/// runtime setting and is not saved with the transformer.
/// </summary>
public sealed class LoadImageTransformer : ColumnMapTransformer<string, Image2D>
{
    /// <summary>The type name in <c>transformer.json</c>.</summary>
    public const string TypeName = "MLSeg.LoadImage";

    /// <summary>Reads paths from <paramref name="inputColumn"/> and writes images to <paramref name="outputColumn"/>.</summary>
    public LoadImageTransformer(string inputColumn, string outputColumn) : this(inputColumn, outputColumn, null) { }

    /// <summary>As <see cref="LoadImageTransformer(string, string)"/>, decoding through <paramref name="cache"/> (null: no cache).</summary>
    public LoadImageTransformer(string inputColumn, string outputColumn, ContentHashCache? cache) : base(inputColumn, outputColumn) => Cache = cache;

    /// <summary>The decoded-image cache, or null.</summary>
    public ContentHashCache? Cache { get; }

    // What shapes a decoded image besides its bytes: the readers and the decoding code (module version ids change
    // only when the code changes, in a deterministic build; DicomImageReader lives in this assembly).
    private static readonly string DecodeSettings = "facade-load-image;readers=" + string.Join(",", MaskFiles.Readers.Readers.Select(r => r.GetType().FullName))
        + ";code=" + string.Join(",", new[] { typeof(ImageLoader), typeof(DicomFile), typeof(LoadImageTransformer) }.Select(t => t.Assembly.ManifestModule.ModuleVersionId.ToString("N")));

    /// <inheritdoc />
    protected override Image2D Map(string value, DataRow row)
    {
        if (!File.Exists(value))
        {
            throw new FileNotFoundException($"Image file '{value}' (column '{InputColumn}') does not exist.", value);
        }

        Image2D Decode() => MaskFiles.Readers.Load(value).AsImage2D();
        return Cache is null ? Decode() : Cache.GetOrAddImage(ContentKey.FromDigests(DecodeSettings, ContentKey.HashFile(value)), Decode);
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
