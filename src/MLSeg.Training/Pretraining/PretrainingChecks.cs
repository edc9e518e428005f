using MLSeg.Core.Imaging;
using MLSeg.Models.Contracts;

namespace MLSeg.Training.Pretraining;

/// <summary>Source-data checks run before any pretraining step.</summary>
internal static class PretrainingChecks
{
    public static void Images(IReadOnlyList<Image2D> images, Encoder encoder, string source, int? requiredDivisor = null)
    {
        if (images.Count == 0)
        {
            throw new TrainingDataException($"The {source} has no images; pretraining needs at least one.");
        }

        Image2D first = images[0];
        for (int i = 0; i < images.Count; i++)
        {
            Image2D img = images[i];
            if (img.Channels != encoder.InChannels)
            {
                throw new TrainingDataException($"{source} image {i} has {img.Channels} channels; the encoder takes {encoder.InChannels}.");
            }

            if (img.Height != first.Height || img.Width != first.Width)
            {
                throw new TrainingDataException($"{source} image {i} is {img.Height}x{img.Width}, image 0 is {first.Height}x{first.Width}; resize every image to one size first.");
            }
        }

        int div = requiredDivisor ?? encoder.RequiredDivisor;
        if (first.Height % div != 0 || first.Width % div != 0)
        {
            throw new TrainingDataException($"{source} images are {first.Height}x{first.Width}; the encoder needs sizes divisible by {div}.");
        }
    }
}
