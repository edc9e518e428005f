using MLSeg.Core.Randomness;
using MLSeg.Experiments.Splits;
using MLSeg.TestKit;

namespace MLSeg.Experiments.Tests;

public class PatientFoldsTests
{
    private static readonly string[] Patients = [.. Enumerable.Range(0, 17).Select(i => $"P{i:000}")];

    [Fact]
    public void Create_EveryPatientHeldOutOnce_NoOverlap_SizesDifferByAtMostOne()
    {
        PatientFolds folds = PatientFolds.Create(Patients, 4, new SeedSource(1));
        Assert.Equal(Patients.Order(StringComparer.Ordinal), folds.Folds.SelectMany(f => f.Val).Order(StringComparer.Ordinal));
        foreach (FoldSplit f in folds.Folds)
        {
            Assert.Empty(f.Train.Intersect(f.Val));
            Assert.Equal(Patients.Length, f.Train.Count + f.Val.Count);
        }

        int[] sizes = [.. folds.Folds.Select(f => f.Val.Count)];
        Assert.True(sizes.Max() - sizes.Min() <= 1, string.Join(",", sizes));
    }

    [Fact]
    public void Create_ShuffledInputOrder_GivesSameFolds()
    {
        PatientFolds a = PatientFolds.Create(Patients, 5, new SeedSource(9));
        PatientFolds b = PatientFolds.Create(Patients.Reverse(), 5, new SeedSource(9));
        Assert.Equal(a.Folds.Select(f => string.Join(",", f.Val)), b.Folds.Select(f => string.Join(",", f.Val)));
    }

    [Fact]
    public void Create_Stratified_EachFoldGetsBalancedStrata()
    {
        var strata = Patients.Select((p, i) => (p, s: i < 8 ? "A" : "B")).ToDictionary(x => x.p, x => x.s);
        PatientFolds folds = PatientFolds.Create(Patients, 4, new SeedSource(3), strata);
        foreach (FoldSplit f in folds.Folds)
        {
            Assert.Equal(2, f.Val.Count(p => strata[p] == "A"));
        }
    }

    public static TheoryData<int, int> BadK => new() { { 1, 17 }, { 18, 17 } };

    [Theory]
    [MemberData(nameof(BadK))]
    public void Create_BadK_Throws(int k, int patients) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => PatientFolds.Create(Patients[..patients], k, new SeedSource(0)));

    [Theory]
    [InlineData(-1)]
    [InlineData(4)]
    public void Fold_OutOfRange_ThrowsNamingRange(int fold)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => PatientFolds.Create(Patients, 4, new SeedSource(0)).Fold(fold));
        Assert.Contains("0…3", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadOrCreate_SecondCall_LoadsSavedFileUnchanged()
    {
        string dir = RepoPaths.NewTempDir();
        try
        {
            string path = Path.Combine(dir, SplitsFile.FileName);
            PatientFolds first = SplitsFile.LoadOrCreate(path, Patients, 4, new SeedSource(5));
            string text = File.ReadAllText(path);
            PatientFolds second = SplitsFile.LoadOrCreate(path, Patients, 4, new SeedSource(999));
            Assert.Equal(text, File.ReadAllText(path));
            Assert.Equal(first.Folds.Select(f => string.Join(",", f.Val)), second.Folds.Select(f => string.Join(",", f.Val)));
            Assert.StartsWith("[", text, StringComparison.Ordinal);
            Assert.Contains("\"train\"", text, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Load_CohortChanged_ThrowsNamingPatients()
    {
        string dir = RepoPaths.NewTempDir();
        try
        {
            string path = Path.Combine(dir, SplitsFile.FileName);
            SplitsFile.Save(path, PatientFolds.Create(Patients, 4, new SeedSource(5)));
            var ex = Assert.Throws<SplitException>(() => SplitsFile.Load(path, [.. Patients, "P999"]));
            Assert.Contains("P999", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Load_PatientInTrainAndVal_Throws()
    {
        string dir = RepoPaths.NewTempDir();
        try
        {
            string path = Path.Combine(dir, SplitsFile.FileName);
            File.WriteAllText(path, """[{"train": ["a", "b"], "val": ["b"]}, {"train": ["b"], "val": ["a"]}]""");
            var ex = Assert.Throws<SplitException>(() => SplitsFile.Load(path, null));
            Assert.Contains("'b' is in both train and val of fold 0", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
