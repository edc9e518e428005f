using Microsoft.ML;
using MLSeg.Pipeline;
using MLSeg.Data;
using MLSeg.Synthetic.Manifest;

namespace MLSeg.Tests;

public sealed class ManifestSetDataViewTests(CohortFixture cohort) : IClassFixture<CohortFixture>
{
    [Fact]
    public void LoadManifests_DisjointPatients_ConcatenatesRowsInOrder()
    {
        var rows = CohortManifest.Read(cohort.ManifestPath).Rows;
        string a = Split("a", rows.Where(r => r.PatientId is "SYN-L3-0001" or "SYN-L3-0002"));
        string b = Split("b", rows.Where(r => r.PatientId is "SYN-L3-0005"));

        var ml = new MLContext(1);
        IDataView view = ml.Data.LoadManifests(a, b);

        Conformance.EstimatorConformance.AssertSameSchema(ml.Data.LoadManifest(cohort.ManifestPath).Schema, view.Schema);
        Assert.Equal(["SYN-L3-0001", "SYN-L3-0002", "SYN-L3-0005"], ViewReader.Texts(view, ManifestColumns.PatientId));
        Assert.Equal(3, view.GetRowCount());
        Assert.Equal(9, ml.Data.LoadManifests(includeObservers: true, a, b).GetRowCount()); // 3 reference + 3 × 2 observer rows
    }

    [Fact]
    public void LoadManifests_PatientInTwoManifests_FailsNamingFilesIdAndRows()
    {
        var rows = CohortManifest.Read(cohort.ManifestPath).Rows;
        string a = Split("a", rows.Where(r => r.PatientId is "SYN-L3-0001" or "SYN-L3-0003"));
        string b = Split("b", rows.Where(r => r.PatientId is "SYN-L3-0002" or "SYN-L3-0003"));

        var ex = Assert.Throws<ManifestFormatException>(() => new MLContext(1).Data.LoadManifests(a, b));

        Assert.Equal(b, ex.File);
        Assert.Equal("patient_id", ex.Column);
        Assert.Contains($"1 patient id(s) also appear in {a}: 'SYN-L3-0003' (rows 5, 6, 7 of {a}; rows 5, 6, 7 here)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadManifests_SameFileTwice_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => new MLContext(1).Data.LoadManifests(cohort.ManifestPath, cohort.ManifestPath));
        Assert.Contains("listed more than once", ex.Message, StringComparison.Ordinal);
    }

    // A manifest beside the cohort's (its relative paths stay valid) holding only some rows.
    private string Split(string name, IEnumerable<ManifestRow> rows)
    {
        string path = Path.Combine(cohort.Directory, $"{name}-{Guid.NewGuid():N}.csv");
        new CohortManifest(rows).Write(path);
        return path;
    }
}
