using Microsoft.ML;
using Microsoft.ML.Data;
using MLSeg.Core.Imaging;

namespace MLSeg.Tests.Conformance;

/// <summary>Reads every visible column of a view into plain values (text as string, vectors as float[]) and compares views bit for bit.</summary>
internal static class ViewRows
{
    /// <summary>The rows of <paramref name="view"/>: one value per visible column, in schema order.</summary>
    public static List<object?[]> Read(IDataView view)
    {
        DataViewSchema.Column[] columns = [.. view.Schema.Where(c => !c.IsHidden)];
        var rows = new List<object?[]>();
        using DataViewRowCursor cursor = view.GetRowCursor(columns);
        Func<object?>[] readers = [.. columns.Select(c => Reader(cursor, c))];
        while (cursor.MoveNext())
        {
            rows.Add([.. readers.Select(r => r())]);
        }

        return rows;
    }

    /// <summary>The values one row of <paramref name="row"/> holds, for the visible columns of its schema.</summary>
    public static object?[] Read(DataViewRow row) => [.. row.Schema.Where(c => !c.IsHidden).Select(c => Reader(row, c)())];

    /// <summary>Asserts identical values (images and label maps bit for bit, with spacing).</summary>
    public static void AssertSame(IReadOnlyList<object?[]> expected, IReadOnlyList<object?[]> actual, string what)
    {
        Assert.True(expected.Count == actual.Count, $"{what}: {actual.Count} rows, expected {expected.Count}.");
        for (int r = 0; r < expected.Count; r++)
        {
            Assert.True(expected[r].Length == actual[r].Length, $"{what}: row {r} has {actual[r].Length} columns, expected {expected[r].Length}.");
            for (int c = 0; c < expected[r].Length; c++)
            {
                Assert.True(Same(expected[r][c], actual[r][c]), $"{what}: row {r}, column {c} differs ({expected[r][c]} vs {actual[r][c]}).");
            }
        }
    }

    public static bool Same(object? a, object? b) => (a, b) switch
    {
        (Image2D x, Image2D y) => x.Channels == y.Channels && x.Height == y.Height && x.Width == y.Width && x.SpacingMm == y.SpacingMm
            && x.Data.AsSpan().SequenceEqual(y.Data),
        (LabelMap x, LabelMap y) => x.Height == y.Height && x.Width == y.Width && x.SpacingMm == y.SpacingMm && x.Labels.AsSpan().SequenceEqual(y.Labels),
        (float[] x, float[] y) => x.AsSpan().SequenceEqual(y),
        _ => Equals(a, b),
    };

    private static Func<object?> Reader(DataViewRow row, DataViewSchema.Column c)
    {
        Type t = c.Type.RawType;
        if (t == typeof(ReadOnlyMemory<char>))
        {
            var g = row.GetGetter<ReadOnlyMemory<char>>(c);
            return () => { ReadOnlyMemory<char> v = default; g(ref v); return v.ToString(); };
        }

        if (t == typeof(VBuffer<float>))
        {
            var g = row.GetGetter<VBuffer<float>>(c);
            return () => { VBuffer<float> v = default; g(ref v); return v.DenseValues().ToArray(); };
        }

        return (Func<object?>)typeof(ViewRows).GetMethod(nameof(Boxed), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(t).Invoke(null, [row, c])!;
    }

    private static Func<object?> Boxed<T>(DataViewRow row, DataViewSchema.Column c)
    {
        ValueGetter<T> g = row.GetGetter<T>(c);
        return () => { T v = default!; g(ref v); return v; };
    }
}
