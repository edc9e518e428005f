using Microsoft.ML;
using Microsoft.ML.Data;
using MLSeg.Data;

namespace MLSeg.Tests;

/// <summary>Views over the synthetic cohort that several test classes use.</summary>
internal static class TestViews
{
    /// <summary>A view with only a patient_id text column: every MLSeg estimator must reject it.</summary>
    public static IDataView PatientOnly(MLContext ml) => ml.Data.LoadFromEnumerable([new PatientRow { PatientId = "p" }]);

    /// <summary>Images loaded (HU) and windowed to soft tissue, masks loaded, all cached in memory.</summary>
    public static IDataView Loaded(MLContext ml, string manifest)
    {
        IDataView rows = ml.Data.LoadManifest(manifest);
        var pipeline = ml.Transforms.LoadImage()
            .Append(ml.Transforms.Window("soft-tissue"))
            .Append(ml.Transforms.LoadMask());
        return ml.Data.CacheInMemory(pipeline.Fit(rows).Transform(rows));
    }

    /// <summary>A view with one image column holding <paramref name="images"/>.</summary>
    public static IDataView Images(MLContext ml, params Core.Imaging.Image2D[] images)
    {
        _ = Image2DDataViewType.Instance; // registers the column type for LoadFromEnumerable
        return ml.Data.LoadFromEnumerable(images.Select(i => new ImageRow { Image = i }));
    }

    public sealed class ImageRow
    {
        [ColumnName(WellKnownColumns.Image)]
        public Core.Imaging.Image2D? Image { get; set; }
    }

    public sealed class PatientRow
    {
        [ColumnName(WellKnownColumns.PatientId)]
        public string PatientId { get; set; } = string.Empty;
    }
}
