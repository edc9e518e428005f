using Microsoft.ML;
using Microsoft.ML.Data;
using MLSeg.Core.Errors;
using MLSeg.Core.Imaging;
using MLSeg.Data;

namespace MLSeg.Pipeline;

/// <summary>Reads the custom and text columns of any <see cref="IDataView"/> row by row, checking each column's type first.</summary>
internal static class ViewReader
{
    /// <summary>The images of <paramref name="column"/>, in row order.</summary>
    public static IEnumerable<Image2D> Images(IDataView view, string column) => Values<Image2D>(view, column, ColumnRequirement.Image(column));

    /// <summary>The label maps of <paramref name="column"/>, in row order.</summary>
    public static IEnumerable<LabelMap> LabelMaps(IDataView view, string column) => Values<LabelMap>(view, column, ColumnRequirement.LabelMap(column));

    /// <summary>The text values of <paramref name="column"/>, in row order.</summary>
    public static IEnumerable<string> Texts(IDataView view, string column)
    {
        DataViewSchema.Column c = Require(view.Schema, ColumnRequirement.Text(column));
        using DataViewRowCursor cursor = view.GetRowCursor([c]);
        ValueGetter<ReadOnlyMemory<char>> getter = cursor.GetGetter<ReadOnlyMemory<char>>(c);
        ReadOnlyMemory<char> value = default;
        while (cursor.MoveNext())
        {
            getter(ref value);
            yield return value.ToString();
        }
    }

    /// <summary>(image, label) pairs of two columns, in row order.</summary>
    public static IEnumerable<(Image2D Image, LabelMap Label)> Pairs(IDataView view, string imageColumn, string labelColumn)
    {
        DataViewSchema.Column ic = Require(view.Schema, ColumnRequirement.Image(imageColumn));
        DataViewSchema.Column lc = Require(view.Schema, ColumnRequirement.LabelMap(labelColumn));
        using DataViewRowCursor cursor = view.GetRowCursor([ic, lc]);
        ValueGetter<Image2D> image = cursor.GetGetter<Image2D>(ic);
        ValueGetter<LabelMap> label = cursor.GetGetter<LabelMap>(lc);
        Image2D? i = null;
        LabelMap? l = null;
        while (cursor.MoveNext())
        {
            image(ref i!);
            label(ref l!);
            yield return (i ?? throw Null(imageColumn, cursor.Position), l ?? throw Null(labelColumn, cursor.Position));
        }
    }

    /// <summary>Checks that <paramref name="schema"/> satisfies <paramref name="requirement"/> and returns the column.</summary>
    public static DataViewSchema.Column Require(DataViewSchema schema, ColumnRequirement requirement)
    {
        new ColumnContract([requirement], _ => []).Check(schema);
        return schema[requirement.Name];
    }

    private static IEnumerable<T> Values<T>(IDataView view, string column, ColumnRequirement requirement)
        where T : class
    {
        DataViewSchema.Column c = Require(view.Schema, requirement);
        using DataViewRowCursor cursor = view.GetRowCursor([c]);
        ValueGetter<T> getter = cursor.GetGetter<T>(c);
        T? value = null;
        while (cursor.MoveNext())
        {
            getter(ref value!);
            yield return value ?? throw Null(column, cursor.Position);
        }
    }

    private static MLSegException Null(string column, long row) => new($"Column '{column}' holds no value in row {row}; every row needs one.");
}
