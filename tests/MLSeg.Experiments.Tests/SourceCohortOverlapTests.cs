using MLSeg.Experiments.Running;
using MLSeg.Experiments.Specs;
using MLSeg.Synthetic.Manifest;
using MLSeg.TestKit;

namespace MLSeg.Experiments.Tests;

public sealed class SourceCohortOverlapTests : IDisposable
{
    private readonly string _dir = RepoPaths.NewTempDir();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string SynthRoot => Path.Combine(_dir, "cohorts");

    [Fact]
    public void Check_ManifestSourceSharesPatient_NamesBothFilesIdAndRows()
    {
        string target = WriteManifest("target", "patient_id,image,mask\nP01,a.dcm,a.png\nP02,b.dcm,b.png\n");
        string source = WriteManifest("source", "patient_id,image,mask\nQ01,c.dcm,c.png\nQ02,d.dcm,d.png\nP02,e.dcm,e.png\n");
        ExperimentSpec spec = Spec("cohort: {manifest: target/manifest.csv}", "data: {manifest: source/manifest.csv}");

        var ex = Assert.Throws<ManifestFormatException>(() => SourceCohortOverlap.Check(spec, target, SynthRoot));

        Assert.Equal(source, ex.File);
        Assert.Equal(4, ex.Row);
        Assert.Contains($"also appear in {target} (target cohort vs the data of source 'segmentation'): 'P02' (rows 3 of {target}; rows 4 here)",
            ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_DisjointManifestSource_Passes()
    {
        string target = WriteManifest("target", "patient_id,image,mask\nP01,a.dcm,a.png\n");
        WriteManifest("source", "patient_id,image,mask\nQ01,a.dcm,a.png\n");
        SourceCohortOverlap.Check(Spec("cohort: {manifest: target/manifest.csv}", "data: {manifest: source/manifest.csv}"), target, SynthRoot);
    }

    [Fact]
    public void Check_SyntheticSourceSameKindAndSeed_ThrowsBeforeTraining()
    {
        ExperimentSpec spec = Spec("cohort:\n  synth: {kind: l3-ct, patients: 2, size: 32, seed: 5}", "data: {synth: {kind: l3-ct, patients: 3, size: 32, seed: 5}}");
        string target = CohortData.ResolveManifest(spec.Resolve().Cohort, spec.SourceFile, SynthRoot);

        var ex = Assert.Throws<ManifestFormatException>(() => SourceCohortOverlap.Check(spec, target, SynthRoot));

        Assert.Contains("2 patient id(s) also appear in", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'SYN-L3-0001' (rows 2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_SyntheticSourceOtherSeed_PassesWithoutGenerating()
    {
        ExperimentSpec spec = Spec("cohort:\n  synth: {kind: l3-ct, patients: 2, size: 32, seed: 5}", "data: {synth: {kind: l3-ct, patients: 3, size: 32, seed: 6}}");
        string target = CohortData.ResolveManifest(spec.Resolve().Cohort, spec.SourceFile, SynthRoot);
        int before = Directory.GetDirectories(SynthRoot).Length;

        SourceCohortOverlap.Check(spec, target, SynthRoot);

        Assert.Equal(before, Directory.GetDirectories(SynthRoot).Length);
    }

    [Fact]
    public void Check_LabelledSourceOnTargetCohort_ThrowsSpecError()
    {
        string target = WriteManifest("target", "patient_id,image,mask\nP01,a.dcm,a.png\n");
        var ex = Assert.Throws<ExperimentSpecException>(() =>
            SourceCohortOverlap.Check(Spec("cohort: {manifest: target/manifest.csv}", "data: cohort"), target, SynthRoot));
        Assert.Equal("sources.segmentation.data", ex.Key);
        Assert.Contains("target cohort's own masks", ex.Message, StringComparison.Ordinal);
    }

    private ExperimentSpec Spec(string cohort, string sourceData)
    {
        string yaml = $$"""
            name: overlap
            {{cohort}}
            preprocessing: {window: soft-tissue, normalization: zscore, resize: 32}
            model: {architecture: unet, depth: 2, base_channels: 4, norm: batch, upsampling: transpose, classes: 2}
            sources:
              - name: none
              - name: segmentation
                epochs: 1
                {{sourceData}}
            sizes: [1]
            subsets: [random]
            folds: {k: 2}
            seeds: [0]
            finetune: {epochs: 1, lr: 1.0e-3, batch: 1}
            metrics: [dice]
            """;
        string path = Path.Combine(_dir, "spec.yaml");
        File.WriteAllText(path, yaml);
        return SpecParser.ParseFile(path);
    }

    private string WriteManifest(string folder, string text)
    {
        string path = Path.Combine(_dir, folder, "manifest.csv");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }
}
