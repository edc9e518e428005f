namespace MLSeg.Evaluation.Distances;

/// <summary>
/// The border of a binary mask: its pixels having at least one 4-connected neighbour outside the mask, where
/// everything beyond the grid counts as outside (so mask pixels on the image edge are border). This equals
/// <c>mask AND NOT erosion(mask, 4-connected cross)</c> with a background-valued boundary.
/// </summary>
public static class MaskBorder
{
    /// <summary>Writes 1 into <paramref name="border"/> where <paramref name="mask"/> pixels are border, else 0; returns the border pixel count.</summary>
    public static int Extract(ReadOnlySpan<byte> mask, int height, int width, Span<byte> border)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        int count = checked(height * width);
        if (mask.Length != count || border.Length != count)
        {
            throw new ArgumentException($"Grid {height}x{width} needs {count} pixels; got mask {mask.Length}, border {border.Length}.", nameof(mask));
        }

        int n = 0;
        for (int y = 0; y < height; y++)
        {
            int rowStart = y * width;
            bool top = y == 0;
            bool bottom = y == height - 1;
            for (int x = 0; x < width; x++)
            {
                int i = rowStart + x;
                if (mask[i] == 0)
                {
                    border[i] = 0;
                    continue;
                }

                bool isBorder = top || bottom || x == 0 || x == width - 1
                    || mask[i - width] == 0 || mask[i + width] == 0 || mask[i - 1] == 0 || mask[i + 1] == 0;
                border[i] = isBorder ? (byte)1 : (byte)0;
                n += isBorder ? 1 : 0;
            }
        }

        return n;
    }
}
