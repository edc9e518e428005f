using MLSeg.Evaluation.Aggregation;
using MLSeg.Evaluation.Metrics;
using MLSeg.TestKit;

namespace MLSeg.Evaluation.Tests;

/// <summary>
/// The published 7T per-image confusion tables (chfc-cmi/cmr-seg-tl) must reproduce the published test-set Dice
/// through the same OverlapCounts → Dice → MetricAccumulator path that evaluates MLSeg's own predictions.
/// Tolerance: ±0.00005, half a unit of the published fourth decimal.
/// </summary>
public class ConfusionTableGoldenTests
{
    public static TheoryData<string, double, double> Published => new()
    {
        { "cmr-seg-tl_confusion_WS_TR.tsv", 0.9393, 0.8127 },
        { "cmr-seg-tl_confusion_TR_doubleTransferLearn.tsv", 0.9070, 0.8119 },
        { "cmr-seg-tl_confusion_WS_doubleTransferLearn.tsv", 0.9000, 0.7910 },
    };

    [FixtureTheory]
    [MemberData(nameof(Published))]
    public void Accumulator_PublishedTestSet_ReproducesPublishedDice(string file, double diceLv, double diceMy)
    {
        string path = Fixtures.Path(Path.Combine("reference", file));
        Assert.Equal(["bg", "lv", "my"], ConfusionTableReader.ReadClassNames(path));
        var accumulator = new MetricAccumulator();

        foreach (var row in ConfusionTableReader.Read(path).Where(r => r.Set == "test"))
        {
            accumulator.Append(row.Image, row.ToResult(BothEmptyDice.One));
        }

        Assert.Equal(955, accumulator.Cases.Count);
        var lv = accumulator.Aggregate("dice", 1);
        var my = accumulator.Aggregate("dice", 2);
        Assert.Equal(0, lv.Missing);
        Assert.Equal(0, my.Missing);
        Assert.InRange(lv.Mean!.Value, diceLv - 0.00005, diceLv + 0.00005);
        Assert.InRange(my.Mean!.Value, diceMy - 0.00005, diceMy + 0.00005);
    }

    [FixtureFact]
    public void Read_WholeTable_HasAllSplits()
    {
        var rows = ConfusionTableReader.Read(Fixtures.Path("reference/cmr-seg-tl_confusion_WS_doubleTransferLearn.tsv"));

        Assert.Equal(7873, rows.Count);
        Assert.Equal(["test", "train", "val"], rows.Select(r => r.Set).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Overlap_HandCountedMatrix_RowColumnAndDiagonal()
    {
        var row = new ConfusionTableRow("x", "test", "A", "B", new long[,] { { 10, 1, 2 }, { 3, 20, 4 }, { 5, 6, 30 } });

        var lv = row.Overlap(1);

        Assert.Equal(new OverlapCounts(27, 27, 20), lv);
        Assert.Equal(40.0 / 54.0, row.ToResult()[1].Dice!.Value, 12);
    }

    [Fact]
    public void Read_NonIntegerCount_ThrowsNamingLineAndColumn()
    {
        string dir = RepoPaths.NewTempDir();
        try
        {
            string path = Path.Combine(dir, "bad.tsv");
            File.WriteAllText(path, "image\tset\tmethodA\tmethodB\tbg_bg\tbg_lv\tlv_bg\tlv_lv\nimg1\ttest\tA\tB\t5\t1\tx\t2\n");

            var ex = Assert.Throws<EvaluationException>(() => ConfusionTableReader.Read(path));

            Assert.Contains("line 2", ex.Message, StringComparison.Ordinal);
            Assert.Contains("lv_bg", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
