using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.ML.Data;
using MLSeg.Core.Errors;
using MLSeg.Core.Imaging;
using MLSeg.Data;
using MLSeg.Persistence;
using MLSeg.Pipeline;

namespace MLSeg.Transforms;

/// <summary>
/// Turns a fixed-size image column (after Resize or PadOrCrop) into a fixed-size <c>Vector&lt;Single&gt;</c> column
/// with dimensions channels × height × width (row-major, the layout ONNX models and PyTorch use), which built-in ML.NET
/// transforms and <c>ApplyOnnxModel</c> consume. An image with another channel count fails naming the row.
/// </summary>
public sealed class ToTensorTransformer : RowMappingTransformer
{
    internal ToTensorTransformer(string inputColumn, string outputColumn, int channels)
    {
        ArgumentException.ThrowIfNullOrEmpty(inputColumn);
        ArgumentException.ThrowIfNullOrEmpty(outputColumn);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channels);
        InputColumn = inputColumn;
        OutputColumn = outputColumn;
        Channels = channels;
        Contract = new ColumnContract([ColumnRequirement.FixedSizeImage(inputColumn)], typeOf =>
        {
            var image = (Image2DDataViewType)typeOf(inputColumn);
            return [new OutputColumn(outputColumn, new VectorDataViewType(NumberDataViewType.Single, channels, image.Height, image.Width))];
        });
    }

    /// <summary>The fixed-size image column read.</summary>
    public string InputColumn { get; }

    /// <summary>The vector column written.</summary>
    public string OutputColumn { get; }

    /// <summary>Channels every image must have.</summary>
    public int Channels { get; }

    internal override ColumnContract Contract { get; }

    internal override string TypeName => "MLSeg.ToTensor";

    internal override object Compute(RowValues row, int output)
    {
        Image2D image = row.Image(InputColumn);
        if (image.Channels != Channels)
        {
            throw new SchemaMismatchException(InputColumn, string.Create(CultureInfo.InvariantCulture, $"images with {Channels} channel(s) (ToTensor's channels)"),
                string.Create(CultureInfo.InvariantCulture, $"an image with {image.Channels} channel(s)"));
        }

        return (float[])image.Data.Clone();
    }

    internal override JsonObject SaveTo(string directory) => new() { ["input"] = InputColumn, ["output"] = OutputColumn, ["channels"] = Channels };

    internal static ToTensorTransformer Load(string directory, StepParameters p) => new(p.String("input"), p.String("output"), p.Int32("channels"));
}
