using MLSeg.Core.Caching;
using MLSeg.Core.Imaging;
using MLSeg.Dicom;
using MLSeg.Dicom.Imaging;
using MLSeg.Experiments.Running;
using MLSeg.Experiments.Specs;
using MLSeg.ImageIO;
using MLSeg.Synthetic.Natural;
using MLSeg.TestKit;

namespace MLSeg.Experiments.Tests;

public sealed class CohortDataCacheTests : IDisposable
{
    private const int Patients = 3;
    private const int Observers = 1;
    private readonly string _dir = RepoPaths.NewTempDir();
    private readonly string _manifest;
    private readonly ImageLoader _loader = new ImageLoader(new TestDicomReader());

    public CohortDataCacheTests()
    {
        _manifest = CohortData.GenerateSynthetic(new SynthSpec("l3-ct", Patients, 32, 4, Observers, null), NaturalTask.Segmentation, Path.Combine(_dir, "cohorts"));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static PreprocessingSpec SoftTissue(int size) => new(new WindowSpec("soft-tissue", null, null), "zscore", size);

    private string CacheRoot => Path.Combine(_dir, "cache", "preprocessed");

    [Fact]
    public void Load_SecondTimeWithCache_DecodesNothingAndMatchesFreshLoadBitwise()
    {
        var cache = new ContentHashCache(CacheRoot);
        CohortData fresh = CohortData.Load(_manifest, SoftTissue(24), 2, _loader);
        CohortData first = CohortData.Load(_manifest, SoftTissue(24), 2, _loader, cache);
        const int values = Patients * (1 + 1 + Observers); // image, truth mask, observer masks
        Assert.Equal(values, cache.Statistics.Computes);

        CohortData second = CohortData.Load(_manifest, SoftTissue(24), 2, _loader, cache);

        Assert.Equal(values, cache.Statistics.Computes); // no decode, window or resize the second time
        Assert.Equal(values, cache.Statistics.MemoryHits);
        AssertSameCases(fresh, first);
        AssertSameCases(fresh, second);
    }

    [Fact]
    public void Load_LaterRunNewCacheInstance_ReadsSpillFiles()
    {
        CohortData fresh = CohortData.Load(_manifest, SoftTissue(24), 2, _loader);
        CohortData.Load(_manifest, SoftTissue(24), 2, _loader, new ContentHashCache(CacheRoot));

        var resumed = new ContentHashCache(CacheRoot);
        CohortData again = CohortData.Load(_manifest, SoftTissue(24), 2, _loader, resumed);

        Assert.Equal(0, resumed.Statistics.Computes);
        Assert.Equal(Patients * (2 + Observers), resumed.Statistics.DiskHits);
        AssertSameCases(fresh, again);
    }

    public static TheoryData<string, PreprocessingSpec, int> ChangedSettings => new()
    {
        { "resize", SoftTissue(16), 2 },
        { "window preset", new PreprocessingSpec(new WindowSpec("lung", null, null), "zscore", 24), 2 },
        { "custom window", new PreprocessingSpec(new WindowSpec(null, 40, 401), "zscore", 24), 2 },
        { "no window", new PreprocessingSpec(new WindowSpec("none", null, null), "zscore", 24), 2 },
        { "class count (masks only)", SoftTissue(24), 4 },
    };

    [Theory]
    [MemberData(nameof(ChangedSettings))]
    public void Load_ChangedPreprocessing_RecomputesAndMatchesFreshLoad(string what, PreprocessingSpec changed, int classes)
    {
        var cache = new ContentHashCache(CacheRoot);
        CohortData.Load(_manifest, SoftTissue(24), 2, _loader, cache);
        long before = cache.Statistics.Computes;

        CohortData cached = CohortData.Load(_manifest, changed, classes, _loader, cache);

        long expected = what.StartsWith("class", StringComparison.Ordinal) ? Patients * (1 + Observers) : Patients * (2 + Observers);
        Assert.Equal(expected, cache.Statistics.Computes - before);
        AssertSameCases(CohortData.Load(_manifest, changed, classes, _loader), cached);
    }

    [Fact]
    public void Load_ImageFileBytesChanged_RecomputesThatImage()
    {
        var cache = new ContentHashCache(CacheRoot);
        CohortData.Load(_manifest, SoftTissue(24), 2, _loader, cache);
        long before = cache.Statistics.Computes;
        string image = Path.Combine(Path.GetDirectoryName(_manifest)!, CohortData.Load(_manifest, SoftTissue(24), 2, _loader).Cases[0].CaseId);
        byte[] bytes = File.ReadAllBytes(image);
        bytes[^1] ^= 0x01; // last pixel byte: the DICOM still decodes, one pixel differs
        File.WriteAllBytes(image, bytes);

        CohortData cached = CohortData.Load(_manifest, SoftTissue(24), 2, _loader, cache);

        Assert.Equal(1 + 1 + Observers, cache.Statistics.Computes - before); // the image and the masks on its grid
        AssertSameCases(CohortData.Load(_manifest, SoftTissue(24), 2, _loader), cached);
    }

    private static void AssertSameCases(CohortData expected, CohortData actual)
    {
        Assert.Equal(expected.Cases.Count, actual.Cases.Count);
        for (int i = 0; i < expected.Cases.Count; i++)
        {
            PreparedCase e = expected.Cases[i], a = actual.Cases[i];
            Assert.Equal((e.PatientId, e.CaseId, e.Phase), (a.PatientId, a.CaseId, a.Phase));
            AssertBitwise(e.Image, a.Image);
            AssertLabels(e.Truth, a.Truth);
            Assert.Equal(e.Observers.Keys.Order(), a.Observers.Keys.Order());
            foreach (string k in e.Observers.Keys)
            {
                AssertLabels(e.Observers[k], a.Observers[k]);
            }
        }
    }

    private static void AssertBitwise(Image2D e, Image2D a)
    {
        Assert.Equal((e.Channels, e.Height, e.Width, e.SpacingMm), (a.Channels, a.Height, a.Width, a.SpacingMm));
        Assert.Equal(e.Data.Select(BitConverter.SingleToInt32Bits), a.Data.Select(BitConverter.SingleToInt32Bits));
    }

    private static void AssertLabels(LabelMap e, LabelMap a)
    {
        Assert.Equal((e.Height, e.Width, e.SpacingMm), (a.Height, a.Width, a.SpacingMm));
        Assert.Equal(e.Labels, a.Labels);
    }

    // MLSeg.Dicom behind ImageLoader, as the facade's DicomImageReader does (the facade is not referenced from here).
    internal sealed class TestDicomReader : IImageReader
    {
        public string FormatName => "DICOM";

        public bool CanRead(ReadOnlySpan<byte> header) => header.Length >= 132 && header.Slice(128, 4).SequenceEqual("DICM"u8);

        public LoadedImage Read(string path) => new(path, FormatName, DicomPixelData.Create(DicomFile.Open(path)).GetImage(0));
    }
}
