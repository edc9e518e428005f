using System.Collections.Concurrent;
using MLSeg.Core.Imaging;

namespace MLSeg.Core.Pipeline;

/// <summary>
/// Named, pure image functions for <see cref="MapImageTransformer"/>. A function must return a new image (never change
/// its argument) and give the same output for the same input, so a saved transformer that refers to it by name
/// reproduces its output after loading. Built in: <c>identity</c>, <c>flip-x</c>, <c>flip-y</c>, <c>clamp01</c>.
/// </summary>
public static class ImageFunctions
{
    private static readonly ConcurrentDictionary<string, Func<Image2D, Image2D>> Functions = new(StringComparer.Ordinal)
    {
        ["identity"] = image => image.Clone(),
        ["flip-x"] = FlipX,
        ["flip-y"] = FlipY,
        ["clamp01"] = Clamp01,
    };

    /// <summary>Registered names, sorted.</summary>
    public static IReadOnlyList<string> Names => [.. Functions.Keys.Order(StringComparer.Ordinal)];

    /// <summary>Registers <paramref name="function"/> as <paramref name="name"/>; a second, different registration is a caller bug.</summary>
    public static void Register(string name, Func<Image2D, Image2D> function)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(function);
        if (Functions.GetOrAdd(name, function) != function)
        {
            throw new InvalidOperationException($"An image function named '{name}' is already registered.");
        }
    }

    /// <summary>The function registered as <paramref name="name"/>.</summary>
    public static Func<Image2D, Image2D> Get(string name) =>
        Functions.TryGetValue(name, out var f)
            ? f
            : throw new ArgumentException($"Unknown image function '{name}'; registered: {string.Join(", ", Names)}.", nameof(name));

    private static Image2D FlipX(Image2D image)
    {
        var data = new float[image.Data.Length];
        int w = image.Width;
        for (int row = 0; row < image.Channels * image.Height; row++)
        {
            ReadOnlySpan<float> src = image.Data.AsSpan(row * w, w);
            Span<float> dst = data.AsSpan(row * w, w);
            src.CopyTo(dst);
            dst.Reverse();
        }

        return image.WithData(data);
    }

    private static Image2D FlipY(Image2D image)
    {
        var data = new float[image.Data.Length];
        int w = image.Width;
        int h = image.Height;
        for (int c = 0; c < image.Channels; c++)
        {
            for (int y = 0; y < h; y++)
            {
                image.Data.AsSpan(((c * h) + y) * w, w).CopyTo(data.AsSpan(((c * h) + (h - 1 - y)) * w, w));
            }
        }

        return image.WithData(data);
    }

    private static Image2D Clamp01(Image2D image)
    {
        var data = new float[image.Data.Length];
        System.Numerics.Tensors.TensorPrimitives.Clamp(image.Data, 0f, 1f, data);
        return image.WithData(data);
    }
}
