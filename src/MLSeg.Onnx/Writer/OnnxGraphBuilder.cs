using System.Globalization;
using System.Runtime.InteropServices;
using Google.Protobuf;
using MLSeg.Onnx.Proto;

namespace MLSeg.Onnx.Writer;

/// <summary>
/// Builds an ONNX model (IR version 8, default-domain opset 13–17) node by node: graph inputs and outputs (dynamic
/// dimensions by symbolic name), initializers, nodes with attributes, and <c>metadata_props</c>. Operator helpers
/// live in the partial <c>OnnxGraphBuilder.Ops.cs</c>.
/// </summary>
public sealed partial class OnnxGraphBuilder
{
    /// <summary>The IR version written (ONNX 1.10–1.12's IR_VERSION_2021_7_30).</summary>
    public const long IrVersion = 8;

    /// <summary>The lowest default-domain opset the builder writes.</summary>
    public const int MinOpset = 13;

    /// <summary>The highest default-domain opset the builder writes (GroupNormalization, opset 18, is therefore composed).</summary>
    public const int MaxOpset = 17;

    private readonly GraphProto graph;
    private readonly List<StringStringEntryProto> metadata = [];
    private readonly HashSet<string> names = new(StringComparer.Ordinal);
    private int counter;

    /// <summary>Starts an empty graph.</summary>
    /// <param name="graphName">The graph's name.</param>
    /// <param name="opset">Default-domain operator set, 13–17.</param>
    public OnnxGraphBuilder(string graphName = "mlseg", int opset = MaxOpset)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(graphName);
        ArgumentOutOfRangeException.ThrowIfLessThan(opset, MinOpset);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(opset, MaxOpset);
        graph = new GraphProto { Name = graphName };
        Opset = opset;
    }

    /// <summary>The default-domain operator set version.</summary>
    public int Opset { get; }

    /// <summary>The producer name written into the model.</summary>
    public string ProducerName { get; init; } = "MLSeg";

    /// <summary>The model's documentation string.</summary>
    public string DocString { get; init; } = string.Empty;

    /// <summary>Declares a graph input.</summary>
    public OnnxGraphBuilder AddInput(string name, OnnxElementType type, params OnnxDim[] dims)
    {
        graph.Input.Add(ValueInfo(Claim(name), type, dims));
        return this;
    }

    /// <summary>Declares a graph output; <paramref name="name"/> must be produced by a node.</summary>
    public OnnxGraphBuilder AddOutput(string name, OnnxElementType type, params OnnxDim[] dims)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        graph.Output.Add(ValueInfo(name, type, dims));
        return this;
    }

    /// <summary>Adds a float32 constant tensor (weights, biases).</summary>
    public OnnxGraphBuilder AddInitializer(string name, ReadOnlySpan<float> data, params long[] shape)
    {
        graph.Initializer.Add(Tensor(Claim(name), OnnxElementType.Float32, MemoryMarshal.AsBytes(data), data.Length, shape));
        return this;
    }

    /// <summary>Adds an int64 constant tensor (shapes, pads, sizes).</summary>
    public OnnxGraphBuilder AddInitializer(string name, ReadOnlySpan<long> data, params long[] shape)
    {
        graph.Initializer.Add(Tensor(Claim(name), OnnxElementType.Int64, MemoryMarshal.AsBytes(data), data.Length, shape));
        return this;
    }

    /// <summary>Adds a node. An empty input name marks an omitted optional input.</summary>
    public OnnxGraphBuilder AddNode(string opType, IReadOnlyList<string> inputs, IReadOnlyList<string> outputs, params OnnxAttribute[] attributes)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(opType);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentNullException.ThrowIfNull(attributes);
        if (outputs.Count == 0)
        {
            throw new ArgumentException($"A {opType} node needs at least one output.", nameof(outputs));
        }

        var node = new NodeProto { OpType = opType, Name = $"{opType}_{graph.Node.Count}" };
        node.Input.Add(inputs);
        foreach (string output in outputs)
        {
            node.Output.Add(Claim(output));
        }

        foreach (OnnxAttribute a in attributes)
        {
            node.Attribute.Add(a.Proto);
        }

        graph.Node.Add(node);
        return this;
    }

    /// <summary>Adds a <c>metadata_props</c> entry (e.g. preprocessing, class names, training spec hash).</summary>
    public OnnxGraphBuilder AddMetadata(string key, string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentNullException.ThrowIfNull(value);
        if (metadata.Any(m => m.Key == key))
        {
            throw new ArgumentException($"Metadata key '{key}' was already added.", nameof(key));
        }

        metadata.Add(new StringStringEntryProto { Key = key, Value = value });
        return this;
    }

    /// <summary>A fresh value name with <paramref name="prefix"/>, unused so far.</summary>
    public string NewName(string prefix)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(prefix);
        string name;
        do
        {
            name = string.Create(CultureInfo.InvariantCulture, $"{prefix}_{counter++}");
        }
        while (names.Contains(name));

        return name;
    }

    /// <summary>The model as a protobuf message.</summary>
    public ModelProto Build()
    {
        if (graph.Output.Count == 0)
        {
            throw new InvalidOperationException("The graph has no outputs; call AddOutput.");
        }

        var model = new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = ProducerName,
            ProducerVersion = typeof(OnnxGraphBuilder).Assembly.GetName().Version?.ToString() ?? string.Empty,
            DocString = DocString,
            Graph = graph.Clone(),
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = Opset });
        model.MetadataProps.Add(metadata.Select(m => m.Clone()));
        return model;
    }

    /// <summary>The serialised model.</summary>
    public byte[] ToBytes() => Build().ToByteArray();

    /// <summary>Writes the model to <paramref name="path"/> atomically (temporary file, then rename).</summary>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string full = Path.GetFullPath(path);
        string temp = $"{full}.{Environment.ProcessId}.tmp";
        try
        {
            File.WriteAllBytes(temp, ToBytes());
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private string Claim(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!names.Add(name))
        {
            throw new ArgumentException($"The value name '{name}' is already used in graph '{graph.Name}'; ONNX graphs are in SSA form.", nameof(name));
        }

        return name;
    }

    private static ValueInfoProto ValueInfo(string name, OnnxElementType type, OnnxDim[] dims)
    {
        ArgumentNullException.ThrowIfNull(dims);
        var shape = new TensorShapeProto();
        foreach (OnnxDim d in dims)
        {
            shape.Dim.Add(d.Symbol is null ? new TensorShapeProto.Types.Dimension { DimValue = d.Value } : new TensorShapeProto.Types.Dimension { DimParam = d.Symbol });
        }

        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape } },
        };
    }

    private static TensorProto Tensor(string name, OnnxElementType type, ReadOnlySpan<byte> bytes, int count, long[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        long expected = 1;
        foreach (long d in shape)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(d, nameof(shape));
            expected = checked(expected * d);
        }

        if (expected != count)
        {
            throw new ArgumentException($"Initializer '{name}': shape [{string.Join(", ", shape)}] holds {expected} elements but {count} were given.", nameof(shape));
        }

        // raw_data is little-endian per onnx.proto; .NET on x86-64/ARM64 is little-endian, so the bytes go as they are.
        var tensor = new TensorProto { Name = name, DataType = (int)type, RawData = ByteString.CopyFrom(bytes) };
        tensor.Dims.Add(shape);
        return tensor;
    }
}
