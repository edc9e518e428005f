using MLSeg.Core.Errors;
using MLSeg.Core.Imaging;
using MLSeg.Core.Pipeline;

namespace MLSeg.TestKit;

/// <summary>
/// The check every estimator passes (ML.NET's TestEstimatorCore idea): a bad schema fails with
/// <see cref="SchemaMismatchException"/> both when planning and when fitting; the promised output schema equals the
/// produced one (and every value has its column's type); the output view is repeatable; and a saved, reloaded
/// transformer gives identical output (bit for bit).
/// </summary>
public static class EstimatorConformance
{
    /// <summary>Runs every check on <paramref name="estimator"/>.</summary>
    /// <param name="estimator">The estimator under test.</param>
    /// <param name="train">A valid training view.</param>
    /// <param name="badSchema">A view the estimator must reject (missing or mistyped column).</param>
    public static void Check<TTransformer>(IEstimator<TTransformer> estimator, IDataView train, IDataView badSchema)
        where TTransformer : ITransformer
    {
        ArgumentNullException.ThrowIfNull(estimator);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(badSchema);

        Assert.Throws<SchemaMismatchException>(() => estimator.GetOutputSchema(badSchema.Schema));
        Assert.Throws<SchemaMismatchException>(() => estimator.Fit(badSchema));

        DataSchema promised = estimator.GetOutputSchema(train.Schema);
        TTransformer fitted = estimator.Fit(train);
        Assert.Equal(promised, fitted.GetOutputSchema(train.Schema));
        Assert.Throws<SchemaMismatchException>(() => fitted.Transform(badSchema));

        IDataView output = fitted.Transform(train);
        Assert.Equal(promised, output.Schema);
        List<DataRow> first = [.. output.GetRows()];
        Assert.NotEmpty(first);
        foreach (DataRow row in first)
        {
            Assert.Equal(promised, row.Schema);
            for (int i = 0; i < promised.Count; i++)
            {
                object? value = row[i];
                Assert.True(value is null || value.GetType() == promised.Columns[i].Type,
                    $"Column '{promised.Columns[i].Name}' promised {promised.Columns[i].TypeName}, produced {value?.GetType().Name}.");
            }
        }

        AssertSameRows(first, [.. output.GetRows()], "second enumeration of the same view");

        var savable = Assert.IsAssignableFrom<ISavableTransformer>(fitted);
        string dir = RepoPaths.NewTempDir("mlseg-conformance");
        try
        {
            savable.Save(dir);
            Assert.True(File.Exists(Path.Combine(dir, TransformerManifest.FileName)), "Save must write transformer.json.");
            ITransformer loaded = TransformerLoader.Load(dir);
            Assert.Equal(promised, loaded.GetOutputSchema(train.Schema));
            AssertSameRows(first, [.. loaded.Transform(train).GetRows()], "transformer after save → load");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>Asserts two row lists hold identical values (images and label maps compared bit for bit).</summary>
    public static void AssertSameRows(IReadOnlyList<DataRow> expected, IReadOnlyList<DataRow> actual, string what)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        Assert.True(expected.Count == actual.Count, $"{what}: {actual.Count} rows, expected {expected.Count}.");
        for (int r = 0; r < expected.Count; r++)
        {
            Assert.Equal(expected[r].Schema, actual[r].Schema);
            for (int c = 0; c < expected[r].Schema.Count; c++)
            {
                Assert.True(SameValue(expected[r][c], actual[r][c]),
                    $"{what}: row {r}, column '{expected[r].Schema.Columns[c].Name}' differs ({expected[r][c]} vs {actual[r][c]}).");
            }
        }
    }

    private static bool SameValue(object? a, object? b) => (a, b) switch
    {
        (Image2D x, Image2D y) => x.Channels == y.Channels && x.Height == y.Height && x.Width == y.Width && x.SpacingMm == y.SpacingMm
            && x.Data.AsSpan().SequenceEqual(y.Data),
        (LabelMap x, LabelMap y) => x.Height == y.Height && x.Width == y.Width && x.SpacingMm == y.SpacingMm && x.Labels.AsSpan().SequenceEqual(y.Labels),
        _ => Equals(a, b),
    };
}
