using Microsoft.ML;
using Microsoft.ML.Data;
using MLSeg.Core.Errors;
using MLSeg.Pipeline;
using MLSeg.TestKit;

namespace MLSeg.Tests.Conformance;

/// <summary>
/// The check every MLSeg estimator passes (ML.NET's TestEstimatorCore idea):
/// a bad input schema fails with <see cref="SchemaMismatchException"/> before any Fit — alone and inside an ML.NET
/// estimator chain, whose earlier steps are then never fitted; the promised output schema equals the produced one;
/// the output view is repeatable; the row-to-row mapper PredictionEngine uses gives the same rows as Transform;
/// a pipeline saved with <c>ml.Segmentation().Model.Save</c> and loaded back gives identical output; and ML.NET's own
/// <c>ml.Model.Save</c> refuses the transformer with <see cref="NotSupportedException"/> naming MLSeg's API.
/// </summary>
internal static class EstimatorConformance
{
    public static void Check<TTransformer>(MLContext ml, IEstimator<TTransformer> estimator, IDataView train, IDataView badSchema)
        where TTransformer : class, ITransformer
    {
        Assert.Throws<SchemaMismatchException>(() => estimator.GetOutputSchema(MLNetInternals.ShapeOf(badSchema.Schema)));
        Assert.Throws<SchemaMismatchException>(() => estimator.Fit(badSchema));
        var probe = new FitProbe();
        Assert.Throws<SchemaMismatchException>(() => probe.Append(estimator).Fit(badSchema));
        Assert.Equal(0, probe.Fits);

        SchemaShape promised = estimator.GetOutputSchema(MLNetInternals.ShapeOf(train.Schema));
        TTransformer fitted = estimator.Fit(train);
        try
        {
            Assert.Throws<SchemaMismatchException>(() => fitted.GetOutputSchema(badSchema.Schema));
            IDataView output = fitted.Transform(train);
            AssertSameShape(promised, MLNetInternals.ShapeOf(output.Schema));
            AssertSameSchema(fitted.GetOutputSchema(train.Schema), output.Schema);

            List<object?[]> rows = ViewRows.Read(output);
            Assert.NotEmpty(rows);
            ViewRows.AssertSame(rows, ViewRows.Read(output), "second pass over the same view");

            Assert.True(fitted.IsRowToRowMapper);
            ViewRows.AssertSame(rows, ThroughMapper(fitted, train), "row-to-row mapper (PredictionEngine's path) vs Transform");

            if (fitted is RowMappingTransformer)
            {
                using var stream = new MemoryStream();
                var refused = Assert.Throws<NotSupportedException>(() => ml.Model.Save(fitted, train.Schema, stream));
                Assert.Contains("ml.Segmentation().Model.Save", refused.Message, StringComparison.Ordinal);
            }

            string dir = RepoPaths.NewTempDir("mlseg-conformance");
            try
            {
                string zip = Path.Combine(dir, "pipeline.zip");
                ml.Segmentation().Model.Save(fitted, zip);
                TransformerChain<ITransformer> loaded = ml.Segmentation().Model.Load(zip);
                try
                {
                    AssertSameSchema(output.Schema, loaded.GetOutputSchema(train.Schema));
                    ViewRows.AssertSame(rows, ViewRows.Read(loaded.Transform(train)), "pipeline after save → load");
                }
                finally
                {
                    DisposeAll(loaded);
                }
            }
            finally
            {
                Directory.Delete(dir, recursive: true);
            }
        }
        finally
        {
            (fitted as IDisposable)?.Dispose();
        }
    }

    public static void AssertSameSchema(DataViewSchema expected, DataViewSchema actual)
    {
        Assert.Equal(expected.Select(c => (c.Name, c.Type.ToString(), c.IsHidden)), actual.Select(c => (c.Name, c.Type.ToString(), c.IsHidden)));
    }

    public static void DisposeAll(IEnumerable<ITransformer> chain)
    {
        foreach (ITransformer t in chain)
        {
            (t as IDisposable)?.Dispose();
        }
    }

    private static void AssertSameShape(SchemaShape promised, SchemaShape produced)
    {
        static string Describe(SchemaShape.Column c) => $"{c.Name}: {c.Kind} {c.ItemType} key={c.IsKey}";
        Assert.Equal(promised.Select(Describe).Order(StringComparer.Ordinal), produced.Select(Describe).Order(StringComparer.Ordinal));
    }

    // What PredictionEngine does: bind the row-to-row mapper to the input schema and map each input row.
    private static List<object?[]> ThroughMapper(ITransformer fitted, IDataView input)
    {
        IRowToRowMapper mapper = fitted.GetRowToRowMapper(input.Schema);
        DataViewSchema.Column[] outputs = [.. mapper.OutputSchema.Where(c => !c.IsHidden)];
        var rows = new List<object?[]>();
        using DataViewRowCursor cursor = input.GetRowCursor(mapper.GetDependencies(mapper.OutputSchema));
        using DataViewRow row = mapper.GetRow(cursor, mapper.OutputSchema);
        while (cursor.MoveNext())
        {
            rows.Add(ViewRows.Read(row));
        }

        return rows;
    }

    /// <summary>An estimator that counts its fits: placed first in a chain, it shows the chain failed before fitting anything.</summary>
    private sealed class FitProbe : IEstimator<ITransformer>
    {
        public int Fits { get; private set; }

        public ITransformer Fit(IDataView input)
        {
            Fits++;
            return new TransformerChain<ITransformer>();
        }

        public SchemaShape GetOutputSchema(SchemaShape inputSchema) => inputSchema;
    }
}
