using MLSeg.Core.Imaging;
using MLSeg.Pipeline;
using MLSeg.Training.Data;

namespace MLSeg.Training;

/// <summary>Reads a view's image (and label) columns into the in-memory collections the MLSeg.Training trainers take.</summary>
internal static class TrainingViews
{
    /// <summary>Every image of <paramref name="column"/>, in row order; an empty view fails.</summary>
    public static List<Image2D> Images(Microsoft.ML.IDataView view, string column, string what)
    {
        List<Image2D> images = [.. ViewReader.Images(view, column)];
        return images.Count > 0 ? images : throw new TrainingDataException($"{what}: the training view has no rows.");
    }

    /// <summary>The (image, label) pairs of the view as a dataset; an empty view fails.</summary>
    public static SegmentationDataset Samples(Microsoft.ML.IDataView view, string imageColumn, string labelColumn, string what)
    {
        List<SegmentationSample> samples = [.. ViewReader.Pairs(view, imageColumn, labelColumn).Select(p => new SegmentationSample(p.Image, p.Label))];
        return samples.Count > 0 ? new SegmentationDataset(samples, what) : throw new TrainingDataException($"{what}: the training view has no rows.");
    }
}
