using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using MLSeg.Models.Contracts;
using MLSeg.Models.Engine;
using MLSeg.Models.Layers;
using MLSeg.Models.ResNet;
using MLSeg.Models.UNets;
using MLSeg.Onnx.Proto;
using MLSeg.Onnx.Writer;
using TorchSharp;
using static TorchSharp.torch;

namespace MLSeg.Onnx.Export;

/// <summary>
/// Exports MLSeg segmentation networks (<see cref="UNet"/>, <see cref="ResNetUNet"/>) to ONNX with eval-mode semantics
/// (BatchNorm on running statistics), one exporter per family mirroring its forward code, weights as initializers
/// named by their state-dict keys; and verifies an export against the TorchSharp network through ONNX Runtime.
/// </summary>
public static class OnnxExporter
{
    /// <summary>The largest |ONNX Runtime − engine| an export is expected to show (float32 re-association of the same maths).</summary>
    public const double VerifyTolerance = 1e-4;

    /// <summary>Serialised ONNX model of <paramref name="network"/>; the network is only read.</summary>
    /// <param name="network">A UNet or ResNetUNet (any device; weights are copied to the host).</param>
    /// <param name="options">Export options (defaults when null).</param>
    /// <exception cref="NotSupportedException">
    /// The network is of another family; a module of it is of a type the exporter does not know (the message names its
    /// dotted path and type); or its layout differs from what the family's forward builds.
    /// </exception>
    /// <exception cref="ArgumentException">The options are inconsistent with the network (labels count, fixed input size, names).</exception>
    public static byte[] Export(SegmentationNetwork network, OnnxExportOptions? options = null) => BuildGraph(network, options ?? new OnnxExportOptions()).ToBytes();

    /// <summary>Writes <see cref="Export"/>'s model to <paramref name="path"/> atomically (temporary file, then rename).</summary>
    public static void Save(SegmentationNetwork network, string path, OnnxExportOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        BuildGraph(network, options ?? new OnnxExportOptions()).Save(path);
    }

    /// <summary>
    /// Runs <paramref name="input"/> through <paramref name="onnxModel"/> on ONNX Runtime and through
    /// <paramref name="network"/> (eval mode, no grad, float32 compute whatever <see cref="ComputePrecision"/> scope is in
    /// force; its training mode is restored afterwards), applying to the network's logits the activation the model's
    /// <c>mlseg.output</c> metadata names, and returns the largest absolute elementwise difference (NaN when either side
    /// produced NaN).
    /// </summary>
    /// <param name="network">The exported network.</param>
    /// <param name="onnxModel">A model written by <see cref="Export"/>.</param>
    /// <param name="input">A float32 (N, C, H, W) batch on the network's device.</param>
    /// <exception cref="OnnxModelException">The model lacks MLSeg's output metadata, or its output shape differs from the network's.</exception>
    public static double Verify(SegmentationNetwork network, byte[] onnxModel, Tensor input)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(onnxModel);
        ArgumentNullException.ThrowIfNull(input);
        if (input.dim() != 4 || input.dtype != ScalarType.Float32)
        {
            throw new ArgumentException($"Verify needs a float32 image batch (N, C, H, W); got {input.Describe()}.", nameof(input));
        }

        OnnxOutputActivation activation = ReadActivation(onnxModel);
        float[] data = ModuleEmitter.ToFloats(input);
        long[] shape = input.shape;
        float[] ortOutput;
        long[] ortShape;
        using (InferenceSession session = OrtSessions.Open(onnxModel, "<exported model>"))
        using (OrtValue x = OrtValue.CreateTensorValueFromMemory(data, shape))
        using (IDisposableReadOnlyCollection<OrtValue> results = session.RunChecked(new Dictionary<string, OrtValue> { [session.InputNames[0]] = x }, [session.OutputNames[0]]))
        {
            ortOutput = results.First().GetTensorDataAsSpan<float>().ToArray();
            ortShape = results.First().GetTensorTypeAndShape().Shape;
        }

        (float[] engineOutput, long[] engineShape) = RunEngine(network, input, activation);
        if (!ortShape.SequenceEqual(engineShape))
        {
            throw new OnnxModelException($"The exported model's output is [{string.Join(", ", ortShape)}] but the network's is [{string.Join(", ", engineShape)}] for input [{string.Join(", ", shape)}].");
        }

        ReadOnlySpan<float> a = ortOutput;
        ReadOnlySpan<float> b = engineOutput;
        double max = 0;
        for (int i = 0; i < a.Length; i++)
        {
            max = Math.Max(max, Math.Abs((double)a[i] - b[i]));
        }

        return max;
    }

    /// <summary>The ModelConfig that rebuilds <paramref name="network"/>'s layout with <c>ModelFactory.Create</c>.</summary>
    /// <exception cref="NotSupportedException">The network is of another family.</exception>
    public static ModelConfig DescribeConfig(SegmentationNetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        switch (network)
        {
            case UNet unet:
                {
                    var enc = unet.Encoder as UNetEncoder ?? throw UnsupportedEncoder(unet);
                    return new ModelConfig
                    {
                        Architecture = Architecture.UNet, InChannels = enc.InChannels, NumClasses = unet.NumClasses, Depth = enc.Depth,
                        BaseChannels = enc.BaseChannels, Norm = enc.Norm, NormGroups = enc.NormGroups, Upsampling = unet.Upsampling,
                    };
                }

            case ResNetUNet res:
                {
                    long groups = res.DecoderNorm == NormKind.Group ? DecoderGroups(res) : new ModelConfig().NormGroups;
                    return new ModelConfig
                    {
                        Architecture = res.ResNet.Depth == ResNetDepth.ResNet34 ? Architecture.ResNet34UNet : Architecture.ResNet18UNet,
                        InChannels = res.ResNet.InChannels, NumClasses = res.NumClasses, Norm = res.DecoderNorm, NormGroups = groups,
                        Upsampling = res.Upsampling, InputAdaptation = res.ResNet.Adaptation,
                    };
                }

            default:
                throw new NotSupportedException($"ONNX export supports UNet and ResNetUNet; got {network.GetType().FullName}.");
        }
    }

    private static OnnxGraphBuilder BuildGraph(SegmentationNetwork network, OnnxExportOptions options)
    {
        ArgumentNullException.ThrowIfNull(network);
        ModelConfig config = options.ModelConfig ?? DescribeConfig(network);
        CheckOptions(network, options);
        var builder = new OnnxGraphBuilder($"mlseg_{config.Architecture}", options.Opset)
        {
            DocString = $"MLSeg {config.Architecture} segmentation network: input (N, {network.Encoder.InChannels}, H, W), H and W multiples of " +
                        $"{network.Encoder.RequiredDivisor}; output (N, {network.NumClasses}, H, W) {OutputKind(options.OutputActivation)}.",
        };
        OnnxDim n = options.DynamicBatch ? "N" : options.BatchSize;
        OnnxDim h = options.DynamicSpatial ? "H" : options.InputSize!.Value.Height;
        OnnxDim w = options.DynamicSpatial ? "W" : options.InputSize!.Value.Width;
        builder.AddInput(options.InputName, OnnxElementType.Float32, n, network.Encoder.InChannels, h, w);

        var emitter = new ModuleEmitter(network, builder, options.FoldBatchNorm);
        string logits;
        using (torch.no_grad())
        {
            logits = network switch
            {
                UNet unet => UNetOnnxExporter.Emit(emitter, unet, options.InputName),
                ResNetUNet res => ResNetUNetOnnxExporter.Emit(emitter, res, options.InputName),
                _ => throw new NotSupportedException($"ONNX export supports UNet and ResNetUNet; got {network.GetType().FullName}."),
            };
        }

        emitter.RequireEverythingWritten();

        string output = options.EffectiveOutputName;
        _ = options.OutputActivation switch
        {
            OnnxOutputActivation.None => builder.Identity(logits, output),
            OnnxOutputActivation.Softmax => builder.Softmax(logits, 1, output),
            OnnxOutputActivation.Sigmoid => builder.Sigmoid(logits, output),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.OutputActivation, "OutputActivation must be None, Softmax or Sigmoid."),
        };
        builder.AddOutput(output, OnnxElementType.Float32, n, network.NumClasses, h, w);
        AddMetadata(builder, network, config, options);
        return builder;
    }

    private static void CheckOptions(SegmentationNetwork network, OnnxExportOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.BatchSize, "OnnxExportOptions.BatchSize");
        ArgumentException.ThrowIfNullOrWhiteSpace(options.InputName, "OnnxExportOptions.InputName");
        if (options.InputName == options.EffectiveOutputName)
        {
            throw new ArgumentException($"OnnxExportOptions: input and output are both named '{options.InputName}'; give them different names.", nameof(options));
        }

        int divisor = network.Encoder.RequiredDivisor;
        if (!options.DynamicSpatial)
        {
            var (height, width) = options.InputSize ?? throw new ArgumentException(
                "OnnxExportOptions.InputSize is required when DynamicSpatial is false (the fixed height and width of the graph input).", nameof(options));
            if (height < divisor || width < divisor || height % divisor != 0 || width % divisor != 0)
            {
                throw new ArgumentException($"OnnxExportOptions.InputSize {height}×{width} must be positive multiples of {divisor} (the encoder's RequiredDivisor).", nameof(options));
            }
        }

        if (options.Labels is { } labels && labels.Count != network.NumClasses)
        {
            throw new ArgumentException($"OnnxExportOptions.Labels has {labels.Count} names but the network has {network.NumClasses} classes (background included).", nameof(options));
        }
    }

    private static void AddMetadata(OnnxGraphBuilder builder, SegmentationNetwork network, ModelConfig config, OnnxExportOptions options)
    {
        string version = typeof(OnnxExporter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? throw new InvalidOperationException("MLSeg.Onnx carries no AssemblyInformationalVersion; the build must set Version.");
        var entries = new List<KeyValuePair<string, string?>>
        {
            new(OnnxExportMetadata.Version, version),
            new(OnnxExportMetadata.Architecture, config.Architecture.ToString()),
            new(OnnxExportMetadata.ModelConfig, ModelConfigJson.Serialize(config)),
            new(OnnxExportMetadata.Output, OutputKind(options.OutputActivation)),
            new(OnnxExportMetadata.RequiredDivisor, network.Encoder.RequiredDivisor.ToString(CultureInfo.InvariantCulture)),
            new(OnnxExportMetadata.FoldedBatchNorm, options.FoldBatchNorm ? "true" : "false"),
            new(OnnxExportMetadata.PreprocessingWindow, options.PreprocessingWindow),
            new(OnnxExportMetadata.PreprocessingNormalization, options.PreprocessingNormalization),
            new(OnnxExportMetadata.PreprocessingResize, options.PreprocessingResize),
            new(OnnxExportMetadata.Labels, options.Labels is null ? null : JsonSerializer.Serialize(options.Labels)),
            new(OnnxExportMetadata.SpacingMm, options.SpacingMm),
        };
        foreach (var (key, value) in entries)
        {
            if (value is not null)
            {
                builder.AddMetadata(key, value);
            }
        }

        foreach (var (key, value) in options.ExtraMetadata ?? new Dictionary<string, string>())
        {
            if (entries.Any(e => e.Key == key))
            {
                throw new ArgumentException($"OnnxExportOptions.ExtraMetadata key '{key}' is one the exporter writes itself; use the matching option instead.", nameof(options));
            }

            builder.AddMetadata(key, value);
        }
    }

    private static string OutputKind(OnnxOutputActivation activation) => activation switch
    {
        OnnxOutputActivation.None => "logits",
        OnnxOutputActivation.Softmax => "softmax",
        OnnxOutputActivation.Sigmoid => "sigmoid",
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "Expected None, Softmax or Sigmoid."),
    };

    private static OnnxOutputActivation ReadActivation(byte[] onnxModel)
    {
        ModelProto model;
        try
        {
            model = ModelProto.Parser.ParseFrom(onnxModel);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new OnnxModelException($"The bytes given to Verify are not an ONNX model (protobuf: {ex.Message}).", ex);
        }

        string? kind = model.MetadataProps.FirstOrDefault(p => p.Key == OnnxExportMetadata.Output)?.Value;
        return kind switch
        {
            "logits" => OnnxOutputActivation.None,
            "softmax" => OnnxOutputActivation.Softmax,
            "sigmoid" => OnnxOutputActivation.Sigmoid,
            _ => throw new OnnxModelException($"The model's metadata '{OnnxExportMetadata.Output}' is '{kind ?? "(absent)"}'; expected logits, softmax or sigmoid " +
                                              "(Verify checks models written by OnnxExporter)."),
        };
    }

    private static (float[] Output, long[] Shape) RunEngine(SegmentationNetwork network, Tensor input, OnnxOutputActivation activation)
    {
        bool wasTraining = network.training;
        try
        {
            network.eval();
            using var noGrad = torch.no_grad();
            using IDisposable fullPrecision = ComputePrecision.Use(ScalarType.Float32);
            using Tensor logits = network.forward(input);
            using Tensor output = activation switch
            {
                OnnxOutputActivation.Softmax => logits.softmax(1),
                OnnxOutputActivation.Sigmoid => logits.sigmoid(),
                _ => logits.alias(),
            };
            return (ModuleEmitter.ToFloats(output), output.shape);
        }
        finally
        {
            network.train(wasTraining);
        }
    }

    // GroupNorm groups of the ResNet U-Net decoder, read from its first norm (all decoder norms share them).
    private static long DecoderGroups(ResNetUNet network)
    {
        const string path = "decoder.blocks.0.conv.norm1";
        var (_, module) = network.named_modules().FirstOrDefault(m => m.name == path);
        return module is GroupNormLayer gn ? gn.NumGroups : throw new NotSupportedException(
            $"ResNetUNet with DecoderNorm = Group has no GroupNormLayer at '{path}' (found {(module is null ? "nothing" : ModuleKinds.Describe(module.GetType()))}).");
    }

    private static NotSupportedException UnsupportedEncoder(UNet unet) => new(
        $"ONNX export of a U-Net supports MLSeg's UNetEncoder; this network's encoder is {unet.Encoder.GetType().FullName}. " +
        "Export a network built by ModelFactory, or export your own network with TorchSharp's tools.");
}
