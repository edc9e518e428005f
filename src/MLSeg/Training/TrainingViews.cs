using MLSeg.Core.Errors;
using MLSeg.Core.Imaging;
using MLSeg.Core.Pipeline;
using MLSeg.Training.Data;

namespace MLSeg.Training;

/// <summary>Reads a view's image (and label) columns into the in-memory collections the MLSeg.Training trainers take.</summary>
internal static class TrainingViews
{
    /// <summary>Every image of <paramref name="column"/>, in row order; an empty view fails.</summary>
    public static List<Image2D> Images(IDataView view, string column, string what)
    {
        int index = view.Schema.Require(column, typeof(Image2D));
        var images = new List<Image2D>();
        foreach (DataRow row in view.GetRows())
        {
            images.Add(row[index] as Image2D ?? throw new MLSegException($"{what}: column '{column}' holds null in row {images.Count}."));
        }

        if (images.Count == 0)
        {
            throw new TrainingDataException($"{what}: the training view has no rows.");
        }

        return images;
    }

    /// <summary>The (image, label) pairs of the view as a dataset; an empty view fails.</summary>
    public static SegmentationDataset Samples(IDataView view, string imageColumn, string labelColumn, string what)
    {
        int ii = view.Schema.Require(imageColumn, typeof(Image2D));
        int li = view.Schema.Require(labelColumn, typeof(LabelMap));
        var samples = new List<SegmentationSample>();
        foreach (DataRow row in view.GetRows())
        {
            var image = row[ii] as Image2D ?? throw new MLSegException($"{what}: column '{imageColumn}' holds null in row {samples.Count}.");
            var label = row[li] as LabelMap ?? throw new MLSegException($"{what}: column '{labelColumn}' holds null in row {samples.Count}.");
            samples.Add(new SegmentationSample(image, label));
        }

        if (samples.Count == 0)
        {
            throw new TrainingDataException($"{what}: the training view has no rows.");
        }

        return new SegmentationDataset(samples, what);
    }
}
