using Microsoft.ML.OnnxRuntime;

namespace MLSeg.Onnx;

/// <summary>A model input or output: as the file declares it (<see cref="OnnxModelInfo"/>) or as ONNX Runtime reports it.</summary>
/// <param name="Name">The graph name of the value.</param>
/// <param name="ElementType">The tensor element type (<see cref="OnnxElementType.Undefined"/> for non-tensors).</param>
/// <param name="Shape">Dimensions; -1 where the model leaves a dimension dynamic.</param>
/// <param name="SymbolicDims">Per dimension, its symbolic name (e.g. <c>batch</c>) or an empty string.</param>
public sealed record OnnxValueInfo(string Name, OnnxElementType ElementType, IReadOnlyList<long> Shape, IReadOnlyList<string> SymbolicDims)
{
    /// <summary>An input or output as ONNX Runtime's session reports it (element types share ONNX's numbering).</summary>
    public static OnnxValueInfo FromMetadata(string name, NodeMetadata metadata)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(metadata);
        if (!metadata.IsTensor)
        {
            return new OnnxValueInfo(name, OnnxElementType.Undefined, [], []);
        }

        return new OnnxValueInfo(name, (OnnxElementType)(int)metadata.ElementDataType, [.. metadata.Dimensions.Select(d => (long)d)],
            [.. metadata.SymbolicDimensions.Select(s => s ?? string.Empty)]);
    }

    /// <summary>Readable form, e.g. <c>input: float[batch, 1, 512, 512]</c>.</summary>
    public string Describe()
    {
        var dims = new string[Shape.Count];
        for (int i = 0; i < dims.Length; i++)
        {
            dims[i] = Shape[i] >= 0 ? Shape[i].ToString(System.Globalization.CultureInfo.InvariantCulture)
                : SymbolicDims[i].Length > 0 ? SymbolicDims[i] : "?";
        }

        return $"{Name}: {OnnxElementTypes.OnnxName(ElementType)}[{string.Join(", ", dims)}]";
    }

    /// <summary>True when a tensor of <paramref name="shape"/> fits (same rank; fixed dimensions equal).</summary>
    public bool Accepts(IReadOnlyList<long> shape)
    {
        if (shape.Count != Shape.Count)
        {
            return false;
        }

        for (int i = 0; i < shape.Count; i++)
        {
            if (Shape[i] >= 0 && Shape[i] != shape[i])
            {
                return false;
            }
        }

        return true;
    }
}
