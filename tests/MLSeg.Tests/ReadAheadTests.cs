using System.Text.Json.Nodes;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLSeg.Core.Imaging;
using MLSeg.Pipeline;

namespace MLSeg.Tests;

/// <summary>
/// A step with BatchRows &gt; 1 (a segmentation network) computes rows in batches through a read-ahead cursor when its
/// input is cheap to read twice (in memory), and one row at a time otherwise, so upstream steps never run twice.
/// </summary>
public sealed class ReadAheadTests
{
    // Adds the image's first pixel as a float column; counts how it was asked.
    private sealed class FirstPixel(int batchRows, bool cheap = false) : RowMappingTransformer
    {
        public int SingleCalls;
        public List<int> BatchSizes = [];

        internal override ColumnContract Contract { get; } =
            new([ColumnRequirement.Image("image")], _ => [new OutputColumn("First", NumberDataViewType.Single)]);

        internal override string TypeName => "Test.FirstPixel";

        internal override int BatchRows => batchRows;

        internal override bool CheapToRecompute => cheap;

        internal override object Compute(RowValues row, int output)
        {
            SingleCalls++;
            return row.Image("image").Data[0];
        }

        internal override IReadOnlyList<object> ComputeRows(DataViewRowCursor lookahead, int count, int output)
        {
            var reader = new RowValues(lookahead);
            var values = new List<object>();
            while (values.Count < count && lookahead.MoveNext())
            {
                values.Add(reader.Image("image").Data[0]);
            }

            BatchSizes.Add(values.Count);
            return values;
        }

        internal override JsonObject SaveTo(string directory) => [];
    }

    private static float[] Read(IDataView view)
    {
        var values = new List<float>();
        using DataViewRowCursor cursor = view.GetRowCursor(view.Schema);
        ValueGetter<float> first = cursor.GetGetter<float>(view.Schema["First"]);
        float v = 0;
        while (cursor.MoveNext())
        {
            first(ref v);
            values.Add(v);
            first(ref v); // asking twice for one row computes nothing more
        }

        return [.. values];
    }

    private static IDataView Rows(MLContext ml, int count) =>
        ml.Data.CacheInMemory(TestViews.Images(ml, [.. Enumerable.Range(0, count).Select(i => new Image2D(1, 2, 2, [i, 0, 0, 0]))]));

    [Fact]
    public void InMemoryInput_RowsComputedInBatchesOfBatchRows_ValuesInRowOrder()
    {
        var ml = new MLContext(seed: 1);
        var step = new FirstPixel(batchRows: 4);

        float[] values = Read(step.Transform(Rows(ml, 10)));

        Assert.Equal(Enumerable.Range(0, 10).Select(i => (float)i), values);
        Assert.Equal([4, 4, 2], step.BatchSizes);
        Assert.Equal(0, step.SingleCalls);
    }

    [Fact]
    public void BehindACheapStep_StillBatched_BehindAnExpensiveStep_OneRowAtATime()
    {
        var ml = new MLContext(seed: 1);
        IDataView rows = Rows(ml, 6);
        var cheapUpstream = new FirstPixel(batchRows: 1, cheap: true);
        var batched = new FirstPixel(batchRows: 4);
        _ = Read(batched.Transform(cheapUpstream.Transform(rows)));
        Assert.Equal([4, 2], batched.BatchSizes);

        var expensiveUpstream = new FirstPixel(batchRows: 1, cheap: false);
        var single = new FirstPixel(batchRows: 4);
        float[] values = Read(single.Transform(expensiveUpstream.Transform(rows)));
        Assert.Equal(Enumerable.Range(0, 6).Select(i => (float)i), values);
        Assert.Empty(single.BatchSizes);
        Assert.Equal(6, single.SingleCalls);
    }
}
