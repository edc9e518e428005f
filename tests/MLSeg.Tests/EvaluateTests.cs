using Microsoft.ML;
using Microsoft.ML.Data;
using MLSeg.Core.Imaging;
using MLSeg.Data;

namespace MLSeg.Tests;

public sealed class EvaluateTests
{
    // 4×4 maps: observer 1 marks 4 pixels of label 1, observer 2 two of them. Dice(1, 2) = 2·2 / (4 + 2) = 2/3.
    private static readonly LabelMap Four = Map(0, 1, 4, 5);
    private static readonly LabelMap Two = Map(0, 1);

    [Fact]
    public void Evaluate_ObserverRows_ScoresReferenceRowsAndGivesTheHumanBand()
    {
        var ml = new MLContext(1);
        _ = LabelMapDataViewType.Instance;
        IDataView view = ml.Data.LoadFromEnumerable(
        [
            new Row { Patient = "a", Observer = 0, Label = Four, Prediction = Two },
            new Row { Patient = "a", Observer = 1, Label = Four, Prediction = Two },
            new Row { Patient = "a", Observer = 2, Label = Two, Prediction = Two },
            new Row { Patient = "b", Observer = 0, Label = Two, Prediction = Two },
            new Row { Patient = "b", Observer = 1, Label = Four, Prediction = Two },
            new Row { Patient = "b", Observer = 2, Label = Two, Prediction = Two },
        ]);

        var result = ml.Segmentation().Evaluate(view);

        Assert.Equal(["a", "b"], result.Cases.Select(c => c.CaseId));
        Assert.Equal([2.0 / 3.0, 1.0], result.PerCaseDice.Select(d => d.Value!.Value), new ToleranceComparer(1e-12));
        Assert.NotNull(result.Observers);
        var band = result.HumanBand("dice", 1);
        Assert.Equal(2.0 / 3.0, band.Lower, 12);
        Assert.Equal(2.0 / 3.0, band.Upper, 12);
        Assert.Equal(["1", "2"], result.Observers!.ModelVsObserver.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Evaluate_NoObserverRows_NoBandAndAskingForOneExplains()
    {
        var ml = new MLContext(1);
        _ = LabelMapDataViewType.Instance;
        IDataView view = ml.Data.LoadFromEnumerable([new Row { Patient = "a", Observer = 0, Label = Four, Prediction = Four }]);
        var result = ml.Segmentation().Evaluate(view);
        Assert.Null(result.Observers);
        var ex = Assert.Throws<InvalidOperationException>(() => result.HumanBand("dice", 1));
        Assert.Contains("includeObservers", ex.Message, StringComparison.Ordinal);
    }

    private static LabelMap Map(params int[] ones)
    {
        var labels = new byte[16];
        foreach (int i in ones)
        {
            labels[i] = 1;
        }

        return new LabelMap(4, 4, labels);
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }

    public sealed class Row
    {
        [ColumnName(WellKnownColumns.PatientId)]
        public string Patient { get; set; } = string.Empty;

        [ColumnName(WellKnownColumns.Observer)]
        public int Observer { get; set; }

        [ColumnName(WellKnownColumns.Label)]
        public LabelMap? Label { get; set; }

        [ColumnName(WellKnownColumns.Prediction)]
        public LabelMap? Prediction { get; set; }
    }
}
