using System.Globalization;
using System.Text;
using MLSeg.Core.Imaging;
using MLSeg.Core.IO;
using MLSeg.Evaluation.Clinical;

namespace MLSeg.Prediction;

/// <summary>
/// The clinical measures of predicted masks as CSV (<see cref="FileName"/>): for a 3-class model (0 background, 1 LV
/// blood pool, 2 myocardium) <c>file,lv_area_cm2,myo_area_cm2</c>; otherwise L3 CT body composition with label 1 as
/// skeletal muscle, <c>file,muscle_area_cm2,mean_hu,imat_cm2</c> (HU from the source image after the Modality LUT;
/// mean_hu is NaN for an empty mask). Areas use the source image's pixel spacing.
/// </summary>
public sealed class MeasuresTable
{
    /// <summary>The file name inside the output folder.</summary>
    public const string FileName = "measures.csv";

    /// <summary>Columns for cardiac (3-class) models.</summary>
    public static IReadOnlyList<string> CardiacColumns { get; } = ["file", "lv_area_cm2", "myo_area_cm2"];

    /// <summary>Columns for L3 CT models.</summary>
    public static IReadOnlyList<string> L3Columns { get; } = ["file", "muscle_area_cm2", "mean_hu", "imat_cm2"];

    private readonly StringBuilder _text = new();
    private readonly bool _cardiac;

    /// <summary>Starts a table for a model with <paramref name="numClasses"/> classes.</summary>
    public MeasuresTable(int numClasses)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(numClasses, 2);
        _cardiac = numClasses == 3;
        _text.Append(string.Join(',', Columns)).Append('\n');
    }

    /// <summary>The header this table writes.</summary>
    public IReadOnlyList<string> Columns => _cardiac ? CardiacColumns : L3Columns;

    /// <summary>Appends the row of <paramref name="file"/>: its source image and predicted mask on one grid.</summary>
    public void Add(string file, Image2D source, LabelMap mask)
    {
        ArgumentException.ThrowIfNullOrEmpty(file);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(mask);
        double[] values;
        if (_cardiac)
        {
            values = [CardiacMeasures.AreaCm2(mask, CardiacMeasures.LeftVentricle), CardiacMeasures.AreaCm2(mask, CardiacMeasures.Myocardium)];
        }
        else
        {
            L3Measurement m = L3Measures.Measure(source, mask, muscleLabel: 1);
            values = [m.MuscleAreaCm2, m.MeanAttenuationHu, m.ImatAreaCm2];
        }

        _text.Append(Quote(file));
        foreach (double v in values)
        {
            _text.Append(',').Append(v.ToString("R", CultureInfo.InvariantCulture));
        }

        _text.Append('\n');
    }

    /// <summary>Writes the table to <paramref name="path"/> atomically (temp file, then rename).</summary>
    public void Write(string path) => AtomicFile.WriteAllText(path, _text.ToString());

    private static string Quote(string value) =>
        value.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
