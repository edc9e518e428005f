namespace MLSeg.Onnx.Writer;

/// <summary>One dimension of a graph input or output: a fixed size or a symbolic name (dynamic, e.g. <c>batch</c>).</summary>
/// <param name="Value">The size when fixed.</param>
/// <param name="Symbol">The name when dynamic; null when fixed.</param>
public readonly record struct OnnxDim(long Value, string? Symbol)
{
    /// <summary>A fixed dimension.</summary>
    public static implicit operator OnnxDim(long value) => FromInt64(value);

    /// <summary>A dynamic dimension named <paramref name="symbol"/>.</summary>
    public static implicit operator OnnxDim(string symbol) => FromSymbol(symbol);

    /// <summary>A fixed dimension.</summary>
    public static OnnxDim FromInt64(long value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        return new OnnxDim(value, null);
    }

    /// <summary>A dynamic dimension named <paramref name="symbol"/>.</summary>
    public static OnnxDim FromSymbol(string symbol)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(symbol);
        return new OnnxDim(-1, symbol);
    }
}
