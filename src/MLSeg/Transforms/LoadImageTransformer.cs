using System.Text.Json.Nodes;
using MLSeg.Core.Caching;
using MLSeg.Core.Imaging;
using MLSeg.Data;
using MLSeg.Dicom;
using MLSeg.ImageIO;
using MLSeg.IO;
using MLSeg.Core.Errors;
using MLSeg.Persistence;
using MLSeg.Pipeline;

namespace MLSeg.Transforms;

/// <summary>
/// Loads the image file named by a text column into an <see cref="Image2DDataViewType"/> column, picking the reader by
/// content (<see cref="MaskFiles.Readers"/>: DICOM after the Modality LUT, i.e. HU for CT; NIfTI; PNG; NPY), or only
/// DICOM when created by <c>ml.Transforms.LoadDicom</c>. A 3-D file must hold exactly one slice. With a
/// <see cref="Cache"/>, each decoded image is kept under the content hash of its file (plus the reader set and decoder
/// code version), so later passes and later runs skip decoding; the cache is a runtime setting and is not saved.
/// </summary>
public sealed class LoadImageTransformer : RowMappingTransformer
{
    // What shapes a decoded image besides its bytes: the readers and the decoding code (module version ids change
    // only when the code changes, in a deterministic build; DicomImageReader lives in this assembly).
    private static readonly string DecodeSettings = "facade-load-image;readers=" + string.Join(",", MaskFiles.Readers.Readers.Select(r => r.GetType().FullName))
        + ";code=" + string.Join(",", new[] { typeof(ImageLoader), typeof(DicomFile), typeof(LoadImageTransformer) }.Select(t => t.Assembly.ManifestModule.ModuleVersionId.ToString("N")));

    internal LoadImageTransformer(string inputColumn, string outputColumn, bool dicomOnly, ContentHashCache? cache)
    {
        ArgumentException.ThrowIfNullOrEmpty(inputColumn);
        ArgumentException.ThrowIfNullOrEmpty(outputColumn);
        InputColumn = inputColumn;
        OutputColumn = outputColumn;
        DicomOnly = dicomOnly;
        Cache = cache;
        Contract = new ColumnContract([ColumnRequirement.Text(inputColumn)], _ => [new OutputColumn(outputColumn, Image2DDataViewType.Instance)]);
    }

    /// <summary>The text column holding file paths.</summary>
    public string InputColumn { get; }

    /// <summary>The image column written.</summary>
    public string OutputColumn { get; }

    /// <summary>True when only DICOM files are accepted (<c>LoadDicom</c>).</summary>
    public bool DicomOnly { get; }

    /// <summary>The decoded-image cache, or null.</summary>
    public ContentHashCache? Cache { get; }

    internal override ColumnContract Contract { get; }

    internal override string TypeName => "MLSeg.LoadImage";

    internal override object Compute(RowValues row, int output)
    {
        string path = row.Text(InputColumn);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Image file '{path}' (column '{InputColumn}') does not exist.", path);
        }

        Image2D Decode()
        {
            IImageReader reader = MaskFiles.Readers.ReaderFor(path);
            if (DicomOnly && reader is not DicomImageReader)
            {
                throw new ImageFormatException(path, 0, $"LoadDicom reads DICOM files only; this file's content is {reader.FormatName} (column '{InputColumn}'). Use LoadImage for other formats.");
            }

            return reader.Read(path).AsImage2D();
        }

        string settings = DicomOnly ? DecodeSettings + ";dicom-only" : DecodeSettings;
        return Cache is null ? Decode() : Cache.GetOrAddImage(ContentKey.FromDigests(settings, ContentKey.HashFile(path)), Decode);
    }

    internal override JsonObject SaveTo(string directory) =>
        new() { ["input"] = InputColumn, ["output"] = OutputColumn, ["dicom_only"] = DicomOnly };

    internal static LoadImageTransformer Load(string directory, StepParameters p) =>
        new(p.String("input"), p.String("output"), p.Node("dicom_only") is JsonValue v && v.GetValue<bool>(), cache: null);
}
