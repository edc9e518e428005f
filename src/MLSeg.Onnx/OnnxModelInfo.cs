using Google.Protobuf;
using MLSeg.Onnx.Proto;

namespace MLSeg.Onnx;

/// <summary>What an .onnx file declares, read from its protobuf without ONNX Runtime (for <c>mlseg onnx info</c>).</summary>
public sealed record OnnxModelInfo
{
    /// <summary>The model file.</summary>
    public required string Path { get; init; }

    /// <summary>ONNX IR version.</summary>
    public required long IrVersion { get; init; }

    /// <summary>The producing tool, e.g. pytorch or MLSeg.</summary>
    public required string ProducerName { get; init; }

    /// <summary>The producing tool's version.</summary>
    public required string ProducerVersion { get; init; }

    /// <summary>Operator set version per domain ("" is the default ONNX domain).</summary>
    public required IReadOnlyDictionary<string, long> Opsets { get; init; }

    /// <summary>The model's <c>metadata_props</c>.</summary>
    public required IReadOnlyDictionary<string, string> Metadata { get; init; }

    /// <summary>Graph inputs that are not initializers.</summary>
    public required IReadOnlyList<OnnxValueInfo> Inputs { get; init; }

    /// <summary>Graph outputs.</summary>
    public required IReadOnlyList<OnnxValueInfo> Outputs { get; init; }

    /// <summary>Number of nodes in the main graph.</summary>
    public required int NodeCount { get; init; }

    /// <summary>Reads <paramref name="path"/>.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="OnnxModelException">The file is not a parseable ONNX model.</exception>
    public static OnnxModelInfo Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string full = System.IO.Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new FileNotFoundException($"ONNX model '{full}' does not exist.", full);
        }

        ModelProto model;
        try
        {
            model = ModelProto.Parser.ParseFrom(File.ReadAllBytes(full));
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new OnnxModelException(full, $"'{full}' is not a valid ONNX model (protobuf: {ex.Message}).", ex);
        }

        if (model.Graph is null || model.IrVersion <= 0)
        {
            throw new OnnxModelException(full, $"'{full}' is not an ONNX model: it has {(model.Graph is null ? "no graph" : "no IR version")}.");
        }

        var initializers = model.Graph.Initializer.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        return new OnnxModelInfo
        {
            Path = full,
            IrVersion = model.IrVersion,
            ProducerName = model.ProducerName,
            ProducerVersion = model.ProducerVersion,
            Opsets = model.OpsetImport.GroupBy(o => o.Domain).ToDictionary(g => g.Key, g => g.Max(o => o.Version), StringComparer.Ordinal),
            Metadata = model.MetadataProps.GroupBy(m => m.Key).ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal),
            Inputs = [.. model.Graph.Input.Where(i => !initializers.Contains(i.Name)).Select(ToInfo)],
            Outputs = [.. model.Graph.Output.Select(ToInfo)],
            NodeCount = model.Graph.Node.Count,
        };
    }

    private static OnnxValueInfo ToInfo(ValueInfoProto v)
    {
        var tensor = v.Type?.TensorType;
        var dims = tensor?.Shape?.Dim ?? [];
        return new OnnxValueInfo(
            v.Name,
            (OnnxElementType)(tensor?.ElemType ?? 0),
            [.. dims.Select(d => d.ValueCase == TensorShapeProto.Types.Dimension.ValueOneofCase.DimValue ? d.DimValue : -1L)],
            [.. dims.Select(d => d.ValueCase == TensorShapeProto.Types.Dimension.ValueOneofCase.DimParam ? d.DimParam : string.Empty)]);
    }
}
