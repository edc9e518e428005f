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

    /// <summary>
    /// The border of the pixels equal to <paramref name="label"/> inside <paramref name="box"/> of a row-major grid
    /// <paramref name="gridWidth"/> wide, written box-relative (box.Height × box.Width) into <paramref name="border"/>.
    /// The box must hold every pixel of the label, so a neighbour beyond the box is outside the mask and the result
    /// equals <see cref="Extract"/> on the whole grid, cropped. Returns the border pixel count.
    /// </summary>
    public static int ExtractLabel(ReadOnlySpan<byte> grid, int gridWidth, BoundingBox box, byte label, Span<byte> border)
    {
        int h = box.Height;
        int w = box.Width;
        if (border.Length < h * w)
        {
            throw new ArgumentException($"Border buffer holds {border.Length} pixels; the box needs {h * w}.", nameof(border));
        }

        int n = 0;
        for (int y = 0; y < h; y++)
        {
            int start = ((box.Y0 + y) * gridWidth) + box.X0;
            ReadOnlySpan<byte> row = grid.Slice(start, w);
            Span<byte> outRow = border.Slice(y * w, w);
            outRow.Clear();
            int first = row.IndexOf(label);
            if (first < 0)
            {
                continue;
            }

            int last = row.LastIndexOf(label);
            ReadOnlySpan<byte> up = y > 0 ? grid.Slice(start - gridWidth, w) : default;
            ReadOnlySpan<byte> down = y < h - 1 ? grid.Slice(start + gridWidth, w) : default;
            for (int x = first; x <= last; x++)
            {
                if (row[x] != label)
                {
                    continue;
                }

                bool isBorder = x == 0 || x == w - 1 || up.IsEmpty || down.IsEmpty
                    || row[x - 1] != label || row[x + 1] != label || up[x] != label || down[x] != label;
                if (isBorder)
                {
                    outRow[x] = 1;
                    n++;
                }
            }
        }

        return n;
    }
}
