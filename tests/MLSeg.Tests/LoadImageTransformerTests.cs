using Microsoft.ML;
using MLSeg.Core.Caching;
using MLSeg.Core.Imaging;
using MLSeg.Data;
using MLSeg.Pipeline;
using MLSeg.TestKit;

namespace MLSeg.Tests;

public sealed class LoadImageTransformerTests(CohortFixture cohort) : IClassFixture<CohortFixture>
{
    [Fact]
    public void Transform_WithCache_SecondPassAndLaterRunDecodeNothingAndMatchUncached()
    {
        string root = RepoPaths.NewTempDir("mlseg-load-cache");
        try
        {
            var ml = new MLContext(1);
            IDataView manifest = ml.Data.LoadManifest(cohort.ManifestPath);
            var cache = new ContentHashCache(root);
            IDataView cached = ml.Transforms.LoadImage(cache: cache).Fit(manifest).Transform(manifest);
            IDataView plain = ml.Transforms.LoadImage().Fit(manifest).Transform(manifest);

            List<Image2D> first = Images(cached), second = Images(cached), expected = Images(plain);
            var later = new ContentHashCache(root);
            List<Image2D> resumed = Images(ml.Transforms.LoadImage(cache: later).Fit(manifest).Transform(manifest));

            Assert.Equal(new CacheStatistics(6, 0, 6, 0, 6, 0), cache.Statistics); // 6 decodes, then 6 memory hits
            Assert.Equal((0L, 6L), (later.Statistics.Computes, later.Statistics.DiskHits));
            for (int i = 0; i < expected.Count; i++)
            {
                Assert.Equal(expected[i].SpacingMm, first[i].SpacingMm);
                Assert.Equal(expected[i].Data, first[i].Data);
                Assert.Equal(expected[i].Data, second[i].Data);
                Assert.Equal(expected[i].Data, resumed[i].Data);
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void LoadDicom_PngFile_FailsNamingFileAndFormat()
    {
        var ml = new MLContext(1);
        IDataView manifest = ml.Data.LoadManifest(cohort.ManifestPath);
        IDataView masksAsImages = ml.Transforms.LoadDicom(inputColumnName: ManifestColumns.MaskPath).Fit(manifest).Transform(manifest);
        var ex = Assert.Throws<Core.Errors.ImageFormatException>(() => Images(masksAsImages));
        Assert.Contains(".png", ex.Message, StringComparison.Ordinal);
        Assert.Contains("DICOM files only", ex.Message, StringComparison.Ordinal);
    }

    private static List<Image2D> Images(IDataView view) => [.. ViewReader.Images(view, WellKnownColumns.Image)];
}
