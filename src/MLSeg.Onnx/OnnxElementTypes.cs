namespace MLSeg.Onnx;

/// <summary>Sizes and names of <see cref="OnnxElementType"/> values.</summary>
public static class OnnxElementTypes
{
    /// <summary>Bytes per element, or 0 for a type MLSeg does not exchange with ONNX Runtime.</summary>
    public static int SizeOf(OnnxElementType type) => type switch
    {
        OnnxElementType.Float32 or OnnxElementType.Int32 => 4,
        OnnxElementType.UInt8 or OnnxElementType.Int8 or OnnxElementType.Bool => 1,
        OnnxElementType.Int64 or OnnxElementType.Float64 => 8,
        OnnxElementType.Float16 => 2,
        _ => 0,
    };

    /// <summary>ONNX's spelling, as in <c>tensor(float)</c>.</summary>
    public static string OnnxName(OnnxElementType type) => type switch
    {
        OnnxElementType.Float32 => "float",
        OnnxElementType.UInt8 => "uint8",
        OnnxElementType.Int8 => "int8",
        OnnxElementType.Int32 => "int32",
        OnnxElementType.Int64 => "int64",
        OnnxElementType.Bool => "bool",
        OnnxElementType.Float16 => "float16",
        OnnxElementType.Float64 => "double",
        _ => $"type {(int)type}",
    };
}
