namespace MLSeg.ImageIO.Npy;

/// <summary>Maps NumPy dtype strings to .NET element types.</summary>
internal static class NpyDescr
{
    /// <summary>Type code (after the byte-order character) → element type and size.</summary>
    public static (Type Type, int Size)? Parse(string code) => code switch
    {
        "f4" => (typeof(float), 4),
        "f8" => (typeof(double), 8),
        "i2" => (typeof(short), 2),
        "i4" => (typeof(int), 4),
        "i8" => (typeof(long), 8),
        "u1" => (typeof(byte), 1),
        "b1" => (typeof(bool), 1),
        "u2" => (typeof(ushort), 2),
        _ => null,
    };

    public static string For(Type t) =>
        t == typeof(float) ? "<f4" :
        t == typeof(double) ? "<f8" :
        t == typeof(short) ? "<i2" :
        t == typeof(int) ? "<i4" :
        t == typeof(long) ? "<i8" :
        t == typeof(byte) ? "|u1" :
        t == typeof(bool) ? "|b1" :
        t == typeof(ushort) ? "<u2" :
        throw new ArgumentException($"Element type {t} has no .npy mapping; use float, double, short, int, long, byte, bool or ushort.");
}
