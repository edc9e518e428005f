namespace MLSeg.Torch;

/// <summary>Element types. The numbering is libtorch's (c10::ScalarType), which the shim accepts directly.</summary>
#pragma warning disable CA1028 // The underlying type is the ABI's int32.
public enum ScalarType
#pragma warning restore CA1028
{
    /// <summary>unsigned 8-bit integer.</summary>
    UInt8 = 0,
    /// <summary>signed 32-bit integer.</summary>
    Int32 = 3,
    /// <summary>signed 64-bit integer (class indices, labels).</summary>
    Int64 = 4,
    /// <summary>IEEE half precision.</summary>
    Float16 = 5,
    /// <summary>single precision (the default).</summary>
    Float32 = 6,
    /// <summary>double precision.</summary>
    Float64 = 7,
    /// <summary>boolean.</summary>
    Bool = 11,
    /// <summary>brain floating point (8-bit exponent, 7-bit mantissa).</summary>
    BFloat16 = 15,
}

/// <summary>Element sizes and .NET type mapping for <see cref="ScalarType"/>.</summary>
public static class ScalarTypeExtensions
{
    /// <summary>Bytes per element.</summary>
    public static int ElementSize(this ScalarType type) => type switch
    {
        ScalarType.UInt8 or ScalarType.Bool => 1,
        ScalarType.Float16 or ScalarType.BFloat16 => 2,
        ScalarType.Int32 or ScalarType.Float32 => 4,
        ScalarType.Int64 or ScalarType.Float64 => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown scalar type."),
    };

    /// <summary>Lower-case PyTorch name (float32, int64, …) for messages.</summary>
    public static string Name(this ScalarType type) => type.ToString().ToLowerInvariant();

    /// <summary>Whether the type holds floating-point values.</summary>
    public static bool IsFloatingPoint(this ScalarType type) =>
        type is ScalarType.Float16 or ScalarType.BFloat16 or ScalarType.Float32 or ScalarType.Float64;

    /// <summary>The scalar type of the .NET element type <typeparamref name="T"/>.</summary>
    public static ScalarType Of<T>() where T : unmanaged =>
        typeof(T) == typeof(float) ? ScalarType.Float32
        : typeof(T) == typeof(double) ? ScalarType.Float64
        : typeof(T) == typeof(long) ? ScalarType.Int64
        : typeof(T) == typeof(int) ? ScalarType.Int32
        : typeof(T) == typeof(byte) ? ScalarType.UInt8
        : typeof(T) == typeof(bool) ? ScalarType.Bool
        : typeof(T) == typeof(Half) ? ScalarType.Float16
        : throw new NotSupportedException($"No tensor element type for {typeof(T).Name}; use float, double, long, int, byte, bool or Half.");
}
