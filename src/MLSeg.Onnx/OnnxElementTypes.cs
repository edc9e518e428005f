namespace MLSeg.Onnx;

/// <summary>Names of <see cref="OnnxElementType"/> values.</summary>
public static class OnnxElementTypes
{
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
