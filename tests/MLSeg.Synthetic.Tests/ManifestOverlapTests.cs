using MLSeg.Synthetic.Manifest;
using MLSeg.TestKit;

namespace MLSeg.Synthetic.Tests;

public sealed class ManifestOverlapTests : IDisposable
{
    private readonly string _dir = RepoPaths.NewTempDir();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void ThrowIfPatientsShared_SharedPatient_NamesFilesIdAndRows()
    {
        string target = Write("target", "patient_id,image,mask\nT1,t1.dcm,t1.png\nS7,s7.dcm,s7.png\n\nS7,s7b.dcm,s7b.png\n");
        string source = Write("source", "patient_id,image,mask\nS6,a.dcm,a.png\nS7,b.dcm,b.png\n");

        var ex = Assert.Throws<ManifestFormatException>(() => ManifestOverlap.ThrowIfPatientsShared([target, source], "target cohort vs source 'supervised'"));

        Assert.Equal(source, ex.File);
        Assert.Equal(3, ex.Row);
        Assert.Equal("patient_id", ex.Column);
        Assert.StartsWith($"{source}: row 3, column 'patient_id': 1 patient id(s) also appear in {target} (target cohort vs source 'supervised'): " +
            $"'S7' (rows 3, 5 of {target}; rows 3 here).", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ThrowIfPatientsShared_DisjointPatients_Passes()
    {
        string a = Write("a", "patient_id,image,mask\nA1,x.dcm,x.png\n");
        string b = Write("b", "patient_id,image,mask\nB1,x.dcm,x.png\n"); // same relative path, other folder and patient: fine
        string c = Write("c", "patient_id,image,mask\nC1,x.dcm,x.png\n");
        ManifestOverlap.ThrowIfPatientsShared([a, b, c]);
    }

    [Fact]
    public void ThrowIfPatientsShared_ManySharedIds_ListsFiveAndCounts()
    {
        string rows = string.Concat(Enumerable.Range(1, 8).Select(i => $"P{i},i{i}.dcm,m{i}.png\n"));
        string a = Write("a", "patient_id,image,mask\n" + rows);
        string b = Write("b", "patient_id,image,mask\n" + rows);
        var ex = Assert.Throws<ManifestFormatException>(() => ManifestOverlap.ThrowIfPatientsShared([a, b]));
        Assert.Contains("8 patient id(s) also appear in", ex.Message, StringComparison.Ordinal);
        Assert.Contains("and 3 more", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("'P6'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ThrowIfPatientsShared_ThirdManifestSharesWithFirst_NamesTheFirst()
    {
        string a = Write("a", "patient_id,image,mask\nA1,x.dcm,x.png\n");
        string b = Write("b", "patient_id,image,mask\nB1,x.dcm,x.png\n");
        string c = Write("c", "patient_id,image,mask\nC1,x.dcm,x.png\nA1,y.dcm,y.png\n");
        var ex = Assert.Throws<ManifestFormatException>(() => ManifestOverlap.ThrowIfPatientsShared([a, b, c]));
        Assert.Equal(c, ex.File);
        Assert.Contains($"also appear in {a}", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'A1' (rows 2 of", ex.Message, StringComparison.Ordinal);
    }

    private string Write(string name, string text)
    {
        string path = Path.Combine(_dir, name, "manifest.csv");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }
}
