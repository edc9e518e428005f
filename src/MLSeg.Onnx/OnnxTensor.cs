using System.Runtime.InteropServices;

namespace MLSeg.Onnx;

/// <summary>
/// A dense tensor exchanged with ONNX Runtime: an element type, a shape and the elements in row-major order, held in a
/// managed buffer of its own (factories copy the caller's array; accessors return copies).
/// </summary>
public sealed class OnnxTensor
{
    private readonly long[] shape;

    private OnnxTensor(OnnxElementType elementType, long[] shape, byte[] bytes)
    {
        ElementType = elementType;
        this.shape = shape;
        Bytes = bytes;
    }

    /// <summary>The element type.</summary>
    public OnnxElementType ElementType { get; }

    /// <summary>The dimensions.</summary>
    public IReadOnlyList<long> Shape => shape;

    /// <summary>Number of elements (the product of <see cref="Shape"/>).</summary>
    public long ElementCount => (long)Bytes.Length / OnnxElementTypes.SizeOf(ElementType);

    /// <summary>The elements' bytes, little-endian, row-major.</summary>
    internal byte[] Bytes { get; }

    /// <summary>A float32 tensor.</summary>
    public static OnnxTensor FromArray(ReadOnlySpan<float> data, params long[] shape) => Create(OnnxElementType.Float32, data, shape);

    /// <summary>An int64 tensor.</summary>
    public static OnnxTensor FromArray(ReadOnlySpan<long> data, params long[] shape) => Create(OnnxElementType.Int64, data, shape);

    /// <summary>A uint8 tensor.</summary>
    public static OnnxTensor FromArray(ReadOnlySpan<byte> data, params long[] shape) => Create(OnnxElementType.UInt8, data, shape);

    /// <summary>A bool tensor (stored as one byte per element, 0 or 1).</summary>
    public static OnnxTensor FromArray(ReadOnlySpan<bool> data, params long[] shape) => Create(OnnxElementType.Bool, data, shape);

    /// <summary>A float16 tensor.</summary>
    public static OnnxTensor FromArray(ReadOnlySpan<Half> data, params long[] shape) => Create(OnnxElementType.Float16, data, shape);

    /// <summary>The elements of a float32 tensor.</summary>
    public float[] ToFloatArray() => Read<float>(OnnxElementType.Float32);

    /// <summary>The elements of an int64 tensor.</summary>
    public long[] ToInt64Array() => Read<long>(OnnxElementType.Int64);

    /// <summary>The elements of a uint8 tensor.</summary>
    public byte[] ToByteArray() => Read<byte>(OnnxElementType.UInt8);

    /// <summary>The elements of a bool tensor.</summary>
    public bool[] ToBoolArray()
    {
        byte[] raw = Read<byte>(OnnxElementType.Bool);
        var result = new bool[raw.Length];
        for (int i = 0; i < raw.Length; i++)
        {
            result[i] = raw[i] != 0;
        }

        return result;
    }

    /// <summary>The elements of a float16 tensor.</summary>
    public Half[] ToHalfArray() => Read<Half>(OnnxElementType.Float16);

    /// <summary>Readable form, e.g. <c>float[1, 3, 64, 64]</c>.</summary>
    public override string ToString() => $"{OnnxElementTypes.OnnxName(ElementType)}[{string.Join(", ", shape)}]";

    /// <summary>Wraps bytes the runtime produced; the buffer is taken over, not copied.</summary>
    internal static OnnxTensor FromOwnedBytes(OnnxElementType elementType, long[] shape, byte[] bytes) => new(elementType, shape, bytes);

    private static OnnxTensor Create<T>(OnnxElementType type, ReadOnlySpan<T> data, long[] shape) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(shape);
        long count = 1;
        foreach (long d in shape)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(d, nameof(shape));
            count = checked(count * d);
        }

        if (count != data.Length)
        {
            throw new ArgumentException($"Shape [{string.Join(", ", shape)}] holds {count} elements but {data.Length} were given.", nameof(data));
        }

        byte[] bytes = MemoryMarshal.AsBytes(data).ToArray();
        if (type == OnnxElementType.Bool)
        {
            // .NET guarantees nothing about a bool's byte beyond zero/non-zero; ONNX wants exactly 0 or 1.
            for (int i = 0; i < bytes.Length; i++)
            {
                bytes[i] = bytes[i] != 0 ? (byte)1 : (byte)0;
            }
        }

        return new OnnxTensor(type, (long[])shape.Clone(), bytes);
    }

    private T[] Read<T>(OnnxElementType expected) where T : unmanaged
    {
        if (ElementType != expected)
        {
            throw new InvalidOperationException($"This tensor holds {OnnxElementTypes.OnnxName(ElementType)} elements, not {OnnxElementTypes.OnnxName(expected)}.");
        }

        return MemoryMarshal.Cast<byte, T>(Bytes).ToArray();
    }
}
