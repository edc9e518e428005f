using MLSeg.Core.Imaging;
using MLSeg.Core.Randomness;
using MLSeg.Synthetic.Ct;
using MLSeg.Synthetic.Manifest;
using MLSeg.Synthetic.Mr;
using MLSeg.Synthetic.Natural;
using MLSeg.Synthetic.Writing;

namespace MLSeg.Synthetic.Tests;

public sealed class CohortGeneratorTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "mlseg-synth-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void GenerateL3Ct_TwoObservers_WritesFilesAndManifestThatReadsBack()
    {
        var writer = new InMemoryCohortWriter();
        var manifest = new CohortGenerator(writer).GenerateL3Ct(_dir, 3, new SeedSource(5), new L3CtOptions { SizePx = 64, Observers = 2 });
        Assert.Equal(9, manifest.Rows.Count);
        Assert.Equal(3 + 9, writer.Files.Count);
        var back = CohortManifest.Read(Path.Combine(_dir, CohortGenerator.ManifestFileName));
        Assert.Equal(manifest.Rows, back.Rows);
        foreach (var row in back.Rows)
        {
            Assert.True(writer.Files.ContainsKey(Path.Combine(_dir, row.Image)));
            Assert.True(writer.Files.ContainsKey(Path.Combine(_dir, row.Mask)));
        }

        var (image, info) = ((Image2D, CtSeriesInfo))writer.Files[Path.Combine(_dir, "SYN-L3-0002", "ct.dcm")];
        Assert.Equal("SYN-L3-0002", info.PatientId);
        Assert.Equal("Synthetic^Patient0002", info.PatientName);
        Assert.Equal(64, image.Width);
        Assert.Equal([null, 1, 2], back.Rows.Where(r => r.PatientId == "SYN-L3-0001").Select(r => r.Observer));
    }

    [Fact]
    public void GenerateL3Ct_PatientIndependentOfCohortSize()
    {
        var small = new InMemoryCohortWriter();
        var large = new InMemoryCohortWriter();
        var options = new L3CtOptions { SizePx = 64 };
        new CohortGenerator(small).GenerateL3Ct(Path.Combine(_dir, "a"), 2, new SeedSource(5), options);
        new CohortGenerator(large).GenerateL3Ct(Path.Combine(_dir, "b"), 5, new SeedSource(5), options);
        var a = (LabelMap)small.Files[Path.Combine(_dir, "a", "SYN-L3-0002", "mask.png")];
        var b = (LabelMap)large.Files[Path.Combine(_dir, "b", "SYN-L3-0002", "mask.png")];
        Assert.Equal(a.Labels, b.Labels);
    }

    [Fact]
    public void GenerateCardiacCine_RowsCarryPhaseFieldSliceFrame()
    {
        var writer = new InMemoryCohortWriter();
        var options = new CardiacCineOptions { SizePx = 64, Slices = 3, Frames = 10, Field = FieldStrength.T7 };
        var manifest = new CohortGenerator(writer).GenerateCardiacCine(_dir, 2, new SeedSource(8), options);
        Assert.Equal(2 * 3 * 10, manifest.Rows.Count);
        Assert.Equal(2 * 3, manifest.Rows.Count(r => r.Phase == "ED"));
        Assert.Equal(2 * 3, manifest.Rows.Count(r => r.Phase == "ES"));
        Assert.All(manifest.Rows, r => Assert.Equal("7T", r.Field));
        Assert.All(manifest.Rows.Where(r => r.Phase == "ED"), r => Assert.Equal(0, r.Frame));
        Assert.Equal(manifest.Rows, CohortManifest.Read(Path.Combine(_dir, "manifest.csv")).Rows);
    }

    [Fact]
    public void GenerateNatural_Classification_ImageFolderLayout()
    {
        var writer = new InMemoryCohortWriter();
        var manifest = new CohortGenerator(writer).GenerateNatural(_dir, 72, new SeedSource(2), new NaturalImageOptions { SizePx = 32 });
        Assert.All(manifest.Rows, r => Assert.Equal(r.Class + "/" + r.PatientId + ".png", r.Image));
        Assert.Equal(NaturalImageGenerator.ClassCount, manifest.Rows.Select(r => r.Class).Distinct().Count());
        Assert.Equal(72, writer.Files.Count);
    }

    [Fact]
    public void GenerateNatural_Segmentation_ImageMaskPairs()
    {
        var writer = new InMemoryCohortWriter();
        var manifest = new CohortGenerator(writer).GenerateNatural(_dir, 4, new SeedSource(2), new NaturalImageOptions { SizePx = 32, Task = NaturalTask.Segmentation });
        Assert.All(manifest.Rows, r => Assert.IsType<LabelMap>(writer.Files[Path.Combine(_dir, r.Mask)]));
        Assert.Equal(8, writer.Files.Count);
    }
}
