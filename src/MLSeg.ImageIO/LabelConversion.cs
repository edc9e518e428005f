using MLSeg.Core.Errors;
using MLSeg.Core.Imaging;

namespace MLSeg.ImageIO;

/// <summary>Turns decoded sample values into a <see cref="LabelMap"/>, failing on values that are not labels 0…255.</summary>
public static class LabelConversion
{
    /// <summary>
    /// Builds a label map from row-major <paramref name="values"/>. Every value must be an integer in 0…255;
    /// otherwise an <see cref="ImageFormatException"/> names <paramref name="file"/>, the pixel and the value.
    /// </summary>
    public static LabelMap ToLabelMap(string file, ReadOnlySpan<float> values, int height, int width, PixelSpacing? spacing = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        if (values.Length != (long)height * width)
        {
            throw new ArgumentException($"{values.Length} values cannot fill a {height}x{width} label map.", nameof(values));
        }

        var labels = new byte[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            float v = values[i];
            if (!(v >= 0 && v <= 255) || v != MathF.Floor(v))
            {
                throw new ImageFormatException(file, -1,
                    $"pixel (y={i / width}, x={i % width}) has value {v}; a label map needs integer labels 0..255.");
            }

            labels[i] = (byte)v;
        }

        return new LabelMap(height, width, labels, spacing);
    }
}
