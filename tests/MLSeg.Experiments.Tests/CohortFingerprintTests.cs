using MLSeg.Experiments.Planning;
using MLSeg.Experiments.Running;
using MLSeg.Experiments.Specs;
using MLSeg.Synthetic.Manifest;
using MLSeg.Synthetic.Natural;
using MLSeg.TestKit;

namespace MLSeg.Experiments.Tests;

/// <summary>Arm identity follows the cohort's content (issue 18): moved data keeps its ids, changed data gets new ones.</summary>
public sealed class CohortFingerprintTests : IDisposable
{
    private readonly string _dir = RepoPaths.NewTempDir("mlseg-fingerprint");
    private readonly string _cohort;
    private readonly string _manifest;

    public CohortFingerprintTests()
    {
        _manifest = CohortData.GenerateSynthetic(new SynthSpec("l3-ct", 4, 32, 5, 1, null), NaturalTask.Segmentation, Path.Combine(_dir, "generated"));
        _cohort = Path.GetDirectoryName(_manifest)!;
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static ExperimentSpec SpecFor(string manifest) =>
        SpecParser.Parse($"name: t\ncohort:\n  manifest: {manifest}\nsources:\n  - name: none\n  - name: autoencoder\nfolds: {{k: 2}}\n", Path.Combine(Path.GetDirectoryName(manifest)!, "spec.yaml"));

    [Fact]
    public void SynthCohort_GeneratorVersionInFolderAndFingerprint()
    {
        // A generator change (a new SyntheticGenerators.Version) must not reuse an older phantom's folder or arm ids.
        Assert.EndsWith($"-g{MLSeg.Synthetic.SyntheticGenerators.Version}", Path.GetFileName(_cohort), StringComparison.Ordinal);
        ExperimentSpec synth = SpecParser.Parse("name: t\ncohort:\n  synth: {kind: l3-ct, patients: 4, size: 32}\nsources:\n  - name: none\nfolds: {k: 2}\n", Path.Combine(_dir, "spec.yaml"));
        string settingsOnly = Core.Caching.ContentKey.FromDigests($"cohort-fingerprint;v=1;synth={synth.Resolve().Cohort.ToJson().ToJsonString()}").Hex;
        string withVersion = Core.Caching.ContentKey.FromDigests($"cohort-fingerprint;v=1;synth={synth.Resolve().Cohort.ToJson().ToJsonString()};generators={MLSeg.Synthetic.SyntheticGenerators.Version}").Hex;
        string actual = CohortFingerprint.Of(synth.Resolve()).Value;
        Assert.NotEqual(settingsOnly, actual);
        Assert.Equal(withVersion, actual);
    }

    [Fact]
    public void Plan_CohortCopiedElsewhere_SameArmIdsAndPretrainKeys()
    {
        string copy = Path.Combine(_dir, "moved", "cohort");
        CopyTree(_cohort, copy);

        var original = ExperimentPlanner.Plan(SpecFor(_manifest));
        var moved = ExperimentPlanner.Plan(SpecFor(Path.Combine(copy, Path.GetFileName(_manifest))));

        Assert.Equal(original.Select(a => (a.Id, a.PretrainKey)), moved.Select(a => (a.Id, a.PretrainKey)));
    }

    [Fact]
    public void Plan_OneMaskReplacedByAllZero_EveryArmIdChanges()
    {
        string manifest = _manifest;
        var before = ExperimentPlanner.Plan(SpecFor(manifest));
        string mask = Path.Combine(_cohort, CohortManifest.Read(manifest).Rows[0].Mask);
        var labels = MLSeg.ImageIO.Png.PngReader.ReadImage(mask);
        MLSeg.ImageIO.Png.PngWriter.Write(mask, new Core.Imaging.Image2D(1, labels.Height, labels.Width), MLSeg.ImageIO.Png.PngSampleFormat.Gray8);

        var after = ExperimentPlanner.Plan(SpecFor(manifest));

        Assert.Equal(before.Count, after.Count);
        Assert.All(before.Zip(after), p => Assert.NotEqual(p.First.Id, p.Second.Id));
        Assert.All(before.Zip(after).Where(p => p.First.PretrainKey is not null), p => Assert.NotEqual(p.First.PretrainKey, p.Second.PretrainKey));
    }

    [Fact]
    public void OfManifest_RowLinkingOutsideTheCohort_ManifestErrorNamingRowNotContent()
    {
        string manifest = _manifest;
        string secret = Path.Combine(_dir, "secret.txt");
        File.WriteAllText(secret, "root:x:0:0:secret");
        File.CreateSymbolicLink(Path.Combine(_cohort, "passwd"), secret);
        File.AppendAllText(manifest, ManifestLine(manifest, "X", "passwd", "passwd"));
        int line = File.ReadAllLines(manifest).Length;

        var ex = Assert.Throws<ManifestFormatException>(() => CohortFingerprint.OfManifest(manifest));

        Assert.Equal(line, ex.Row);
        Assert.Equal("image", ex.Column);
        Assert.Contains("leads outside the manifest's folder", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("root", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("726F6F74", ex.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void OfManifest_LinkedSubfolderInsideTheCohort_Accepted()
    {
        // A link that stays inside the cohort is fine: containment is judged on the real path.
        string manifest = _manifest;
        var rows = CohortManifest.Read(manifest).Rows;
        string firstDir = rows[0].Image.Split('/')[0];
        Directory.CreateSymbolicLink(Path.Combine(_cohort, "alias"), Path.Combine(_cohort, firstDir));
        File.AppendAllText(manifest, ManifestLine(manifest, "ALIAS", $"alias/{rows[0].Image[(firstDir.Length + 1)..]}", $"alias/{rows[0].Mask[(firstDir.Length + 1)..]}"));

        Assert.Equal(64, CohortFingerprint.OfManifest(manifest).Value.Length);
    }

    [Fact]
    public void Load_MissingImage_ManifestErrorNamingTheRow()
    {
        string manifest = _manifest;
        var rows = CohortManifest.Read(manifest).Rows;
        File.Delete(Path.Combine(_cohort, rows[2].Image));

        var ex = Assert.Throws<ManifestFormatException>(() => CohortFingerprint.OfManifest(manifest));

        Assert.Equal(4, ex.Row); // header, then rows 0, 1, 2
        Assert.Contains(rows[2].Image, ex.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", ex.Message, StringComparison.Ordinal);
    }

    // A row with the given patient, image and mask and every other column of the manifest's header empty.
    private static string ManifestLine(string manifest, string patient, string image, string mask)
    {
        string[] header = File.ReadLines(manifest).First().Split(',');
        return string.Join(",", header.Select(c => c switch { "patient_id" => patient, "image" => image, "mask" => mask, _ => "" })) + "\n";
    }

    private static void CopyTree(string from, string to)
    {
        foreach (string dir in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, dir)));
        }

        Directory.CreateDirectory(to);
        foreach (string file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
        }
    }
}
