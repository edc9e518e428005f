namespace MLSeg.Onnx;

/// <summary>
/// Tensor element types, numbered as ONNX's <c>TensorProto.DataType</c> (which ONNX Runtime's
/// <c>ONNXTensorElementDataType</c> repeats), so a value means the same thing in a file and at run time.
/// </summary>
public enum OnnxElementType
{
    /// <summary>Not set or not a tensor.</summary>
    Undefined = 0,
    /// <summary>IEEE 754 binary32.</summary>
    Float32 = 1,
    /// <summary>Unsigned 8-bit integer.</summary>
    UInt8 = 2,
    /// <summary>Signed 8-bit integer.</summary>
    Int8 = 3,
    /// <summary>Signed 32-bit integer.</summary>
    Int32 = 6,
    /// <summary>Signed 64-bit integer.</summary>
    Int64 = 7,
    /// <summary>Boolean, one byte per element (0 or 1).</summary>
    Bool = 9,
    /// <summary>IEEE 754 binary16 (.NET <see cref="Half"/>).</summary>
    Float16 = 10,
    /// <summary>IEEE 754 binary64.</summary>
    Float64 = 11,
}
