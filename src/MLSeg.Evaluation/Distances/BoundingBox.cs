namespace MLSeg.Evaluation.Distances;

/// <summary>An inclusive pixel rectangle (Y0…Y1, X0…X1) in a row-major (Y, X) grid.</summary>
public readonly record struct BoundingBox(int Y0, int X0, int Y1, int X1)
{
    /// <summary>Rows covered.</summary>
    public int Height => Y1 - Y0 + 1;

    /// <summary>Columns covered.</summary>
    public int Width => X1 - X0 + 1;

    /// <summary>The smallest box holding both.</summary>
    public BoundingBox Union(BoundingBox other) =>
        new(Math.Min(Y0, other.Y0), Math.Min(X0, other.X0), Math.Max(Y1, other.Y1), Math.Max(X1, other.X1));

    /// <summary>Finds the box of the pixels equal to <paramref name="label"/>; false when there are none.</summary>
    public static bool TryFind(ReadOnlySpan<byte> grid, byte label, int height, int width, out BoundingBox box)
    {
        int y0 = -1;
        int y1 = -1;
        int x0 = int.MaxValue;
        int x1 = -1;
        for (int y = 0; y < height; y++)
        {
            ReadOnlySpan<byte> row = grid.Slice(y * width, width);
            int first = row.IndexOf(label);
            if (first < 0)
            {
                continue;
            }

            int last = row.LastIndexOf(label);
            if (y0 < 0)
            {
                y0 = y;
            }

            y1 = y;
            x0 = Math.Min(x0, first);
            x1 = Math.Max(x1, last);
        }

        box = y0 < 0 ? default : new BoundingBox(y0, x0, y1, x1);
        return y0 >= 0;
    }
}
