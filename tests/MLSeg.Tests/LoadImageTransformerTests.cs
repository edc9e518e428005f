using MLSeg.Core.Caching;
using MLSeg.Core.Imaging;
using MLSeg.Core.Pipeline;
using MLSeg.Transforms;
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
            var ctx = new SegContext(1);
            IDataView manifest = ctx.Data.LoadManifest(cohort.ManifestPath);
            var cache = new ContentHashCache(root);
            IDataView cached = ctx.Transforms.LoadImage(cache).Fit(manifest).Transform(manifest);
            IDataView plain = ctx.Transforms.LoadImage().Fit(manifest).Transform(manifest);

            List<Image2D> first = Images(cached), second = Images(cached), expected = Images(plain);
            var later = new ContentHashCache(root);
            List<Image2D> resumed = Images(new LoadImageTransformer(LoadImageEstimator.Defaults.InputColumn, LoadImageEstimator.Defaults.OutputColumn, later).Transform(manifest));

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

    private static List<Image2D> Images(IDataView view) => [.. view.GetRows().Select(r => r.Get<Image2D>(WellKnownColumns.Image))];
}
