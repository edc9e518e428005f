using MLSeg.Core.Imaging;
using MLSeg.Core.Pipeline;

namespace MLSeg.Core.Tests.Pipeline;

/// <summary>Small hand-made views for the pipeline tests.</summary>
internal static class PipelineTestData
{
    public static readonly DataSchema Schema = new(
        new DataColumn(WellKnownColumns.Image, typeof(Image2D)),
        new DataColumn(WellKnownColumns.Label, typeof(LabelMap)),
        new DataColumn(WellKnownColumns.PatientId, typeof(string)),
        new DataColumn(WellKnownColumns.Spacing, typeof(PixelSpacing)));

    /// <summary>Two 1×2×3 images with values 0…5 and 6…11.</summary>
    public static InMemoryDataView Train()
    {
        var rows = new List<DataRow>();
        for (int p = 0; p < 2; p++)
        {
            float[] data = [.. Enumerable.Range(p * 6, 6).Select(i => (float)i)];
            var spacing = new PixelSpacing(0.8, 0.7);
            rows.Add(new DataRow(Schema, new Image2D(1, 2, 3, data, spacing), new LabelMap(2, 3, [0, 1, 1, 0, 2, 0], spacing), $"P{p}", spacing));
        }

        return new InMemoryDataView(Schema, rows);
    }

    /// <summary>A view whose image column holds label maps (the wrong type).</summary>
    public static InMemoryDataView WrongImageType()
    {
        var schema = new DataSchema(new DataColumn(WellKnownColumns.Image, typeof(LabelMap)), new DataColumn(WellKnownColumns.PatientId, typeof(string)));
        return new InMemoryDataView(schema, [new DataRow(schema, new LabelMap(2, 2), "P0")]);
    }
}
