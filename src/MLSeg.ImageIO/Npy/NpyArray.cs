using MLSeg.Core.Imaging;

namespace MLSeg.ImageIO.Npy;

/// <summary>
/// An n-dimensional array as stored in a .npy file, held in C (row-major) order and host byte order.
/// <see cref="Data"/> is a typed array: float[] ('f4'), double[] ('f8'), short[] ('i2'), int[] ('i4'), long[] ('i8'),
/// byte[] ('u1'), bool[] ('b1') or ushort[] ('u2').
/// </summary>
public sealed class NpyArray
{
    /// <summary>Creates an array; <paramref name="data"/> must be one of the supported element types and hold the shape's product.</summary>
    public NpyArray(int[] shape, Array data)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(data);
        long count = 1;
        foreach (int d in shape)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(d);
            count *= d;
        }

        if (data.Length != count)
        {
            throw new ArgumentException($"Shape ({string.Join(", ", shape)}) needs {count} elements; data holds {data.Length}.", nameof(data));
        }

        Descr = NpyDescr.For(data.GetType().GetElementType()!);
        Shape = (int[])shape.Clone();
        Data = data;
    }

    /// <summary>Dimensions, outermost first.</summary>
    public int[] Shape { get; }

    /// <summary>The elements in C order.</summary>
    public Array Data { get; }

    /// <summary>The little-endian NumPy dtype string of <see cref="Data"/> ('&lt;f4', '|u1', …).</summary>
    public string Descr { get; }

    /// <summary>Number of elements.</summary>
    public int Count => Data.Length;

    /// <summary>The elements converted to float32 (bool → 0/1; 64-bit values lose precision beyond 2^24).</summary>
    public float[] ToFloat32()
    {
        var result = new float[Count];
        switch (Data)
        {
            case float[] f: f.CopyTo(result, 0); break;
            case double[] d: for (int i = 0; i < d.Length; i++) { result[i] = (float)d[i]; } break;
            case short[] s: for (int i = 0; i < s.Length; i++) { result[i] = s[i]; } break;
            case int[] n: for (int i = 0; i < n.Length; i++) { result[i] = n[i]; } break;
            case long[] l: for (int i = 0; i < l.Length; i++) { result[i] = l[i]; } break;
            case byte[] b: for (int i = 0; i < b.Length; i++) { result[i] = b[i]; } break;
            case bool[] t: for (int i = 0; i < t.Length; i++) { result[i] = t[i] ? 1 : 0; } break;
            case ushort[] u: for (int i = 0; i < u.Length; i++) { result[i] = u[i]; } break;
            default: throw new InvalidOperationException($"Unsupported element type {Data.GetType()}.");
        }

        return result;
    }

    /// <summary>
    /// As an image: shape (H, W) → 1 channel; (C, H, W) with C = 1 or 3 → C channels. Any other shape is an
    /// <see cref="ArgumentException"/> naming it.
    /// </summary>
    public Image2D ToImage2D(PixelSpacing? spacing = null) => Shape.Length switch
    {
        2 => new Image2D(1, Shape[0], Shape[1], ToFloat32(), spacing),
        3 when Shape[0] is 1 or 3 => new Image2D(Shape[0], Shape[1], Shape[2], ToFloat32(), spacing),
        _ => throw new ArgumentException($"An image needs shape (H, W) or (C, H, W) with C = 1 or 3; this array is ({string.Join(", ", Shape)})."),
    };

    /// <summary>As labels: shape (H, W) (or (1, H, W)) with integer values 0…255; <paramref name="file"/> names it in errors.</summary>
    public LabelMap ToLabelMap(string file, PixelSpacing? spacing = null)
    {
        int[] s = Shape.Length == 3 && Shape[0] == 1 ? Shape[1..] : Shape;
        if (s.Length != 2)
        {
            throw new ArgumentException($"A label map needs shape (H, W); {file} holds ({string.Join(", ", Shape)}).");
        }

        return LabelConversion.ToLabelMap(file, ToFloat32(), s[0], s[1], spacing);
    }

    /// <summary>An image as float32 with shape (C, H, W).</summary>
    public static NpyArray FromImage(Image2D image)
    {
        ArgumentNullException.ThrowIfNull(image);
        return new NpyArray([image.Channels, image.Height, image.Width], (float[])image.Data.Clone());
    }

    /// <summary>A label map as uint8 with shape (H, W).</summary>
    public static NpyArray FromLabelMap(LabelMap labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        return new NpyArray([labels.Height, labels.Width], (byte[])labels.Labels.Clone());
    }

    /// <summary>A float32 array of the given shape over a copy of <paramref name="values"/>.</summary>
    public static NpyArray FromFloats(ReadOnlySpan<float> values, params int[] shape) => new(shape, values.ToArray());
}
