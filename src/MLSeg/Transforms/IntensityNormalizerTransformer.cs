using System.Text.Json.Nodes;
using MLSeg.Core.Imaging;
using MLSeg.Persistence;
using MLSeg.Pipeline;

namespace MLSeg.Transforms;

/// <summary>
/// Z-scores an image column with a mean and standard deviation learned from the training view
/// (<see cref="IntensityNormalizerEstimator"/>): <c>(x − Mean) / Std</c>, in place, keeping the column's type. The
/// arithmetic is float32, <c>(x − (float)Mean) · (float)(1 / Std)</c>, exactly what <c>mlseg predict</c> re-applies from a
/// checkpoint's metadata (<c>ModelPreprocessing</c>).
/// </summary>
public sealed class IntensityNormalizerTransformer : RowMappingTransformer
{
    internal IntensityNormalizerTransformer(string column, double mean, double std)
    {
        ArgumentException.ThrowIfNullOrEmpty(column);
        if (!double.IsFinite(mean) || !double.IsFinite(std) || std <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(std), $"Normalisation needs a finite mean and a finite positive standard deviation; got mean {mean}, std {std}.");
        }

        Column = column;
        Mean = mean;
        Std = std;
        Contract = new ColumnContract([ColumnRequirement.Image(column)], typeOf => [new OutputColumn(column, typeOf(column))]);
    }

    /// <summary>The image column normalised in place.</summary>
    public string Column { get; }

    /// <summary>The training view's mean intensity.</summary>
    public double Mean { get; }

    /// <summary>The training view's standard deviation (population).</summary>
    public double Std { get; }

    internal override ColumnContract Contract { get; }

    internal override string TypeName => "MLSeg.NormalizeIntensity";

    internal override bool CheapToRecompute => true;

    internal override object Compute(RowValues row, int output)
    {
        Image2D image = row.Image(Column);
        var data = new float[image.Data.Length];
        float mean = (float)Mean, inverse = (float)(1 / Std);
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = (image.Data[i] - mean) * inverse;
        }

        return image.WithData(data);
    }

    internal override JsonObject SaveTo(string directory) => new() { ["column"] = Column, ["mean"] = Mean, ["std"] = Std };

    internal static IntensityNormalizerTransformer Load(string directory, StepParameters p) => new(p.String("column"), p.Double("mean"), p.Double("std"));
}
