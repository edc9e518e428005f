using TorchSharp;
using static TorchSharp.torch;
namespace MLSeg.Models.Engine.Serialization;

/// <summary>One tensor's header record: dtype, shape and byte range relative to the start of the data area.</summary>
/// <param name="Name">Tensor key.</param>
/// <param name="DType">Safetensors dtype code ("F32", "I64", …).</param>
/// <param name="Shape">Sizes (empty for a scalar).</param>
/// <param name="Begin">First byte (inclusive).</param>
/// <param name="End">Last byte (exclusive).</param>
public sealed record SafeTensorsEntry(string Name, string DType, long[] Shape, long Begin, long End)
{
    /// <summary>The MLSeg element type of <see cref="DType"/>.</summary>
    public ScalarType ScalarType => SafeTensors.ToScalarType(DType);
}
