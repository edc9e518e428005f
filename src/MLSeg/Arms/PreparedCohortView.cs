using Microsoft.ML;
using Microsoft.ML.Data;
using MLSeg.Data;
using MLSeg.Experiments.Running;

namespace MLSeg.Arms;

/// <summary>
/// The load step of an arm's chain: the run's prepared cases (decoded, windowed and resized once per run by
/// <see cref="CohortData"/>, cached by content hash) as an in-memory <see cref="IDataView"/>, so no arm decodes an image
/// again. Columns: <c>patient_id</c>, <c>case_id</c> (the manifest's image entry) and <c>phase</c> (text), <c>image</c>
/// (<see cref="Image2DDataViewType"/> of the fixed resize) and <c>label</c> (<see cref="LabelMapDataViewType"/>).
/// </summary>
internal static class PreparedCohortView
{
    /// <summary>The case id column (text).</summary>
    public const string CaseIdColumn = "case_id";

    /// <summary>The rows of <paramref name="cases"/>, in order, at <paramref name="sizePx"/> × <paramref name="sizePx"/>.</summary>
    /// <exception cref="ArgumentException">A case's image or label is not <paramref name="sizePx"/> square.</exception>
    public static MaterializedDataView Of(IReadOnlyList<PreparedCase> cases, int sizePx)
    {
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sizePx);
        var builder = new DataViewSchema.Builder();
        builder.AddColumn(WellKnownColumns.PatientId, TextDataViewType.Instance);
        builder.AddColumn(CaseIdColumn, TextDataViewType.Instance);
        builder.AddColumn(WellKnownColumns.Phase, TextDataViewType.Instance);
        builder.AddColumn(WellKnownColumns.Image, Image2DDataViewType.FixedSize(sizePx, sizePx));
        builder.AddColumn(WellKnownColumns.Label, LabelMapDataViewType.FixedSize(sizePx, sizePx));
        var columns = new object?[5][];
        for (int i = 0; i < columns.Length; i++)
        {
            columns[i] = new object?[cases.Count];
        }

        for (int row = 0; row < cases.Count; row++)
        {
            PreparedCase c = cases[row];
            if (c.Image.Height != sizePx || c.Image.Width != sizePx || c.Truth.Height != sizePx || c.Truth.Width != sizePx)
            {
                throw new ArgumentException(
                    $"Case '{c.CaseId}' (patient '{c.PatientId}') is prepared at image {c.Image.Height}x{c.Image.Width}, label {c.Truth.Height}x{c.Truth.Width}; the chain expects {sizePx}x{sizePx}.",
                    nameof(cases));
            }

            columns[0][row] = c.PatientId.AsMemory();
            columns[1][row] = c.CaseId.AsMemory();
            columns[2][row] = (c.Phase ?? "").AsMemory();
            columns[3][row] = c.Image;
            columns[4][row] = c.Truth;
        }

        return new MaterializedDataView(builder.ToSchema(), columns, cases.Count);
    }
}
