using MLSeg.Models.Contracts;
using MLSeg.Onnx.Writer;

namespace MLSeg.Onnx.Export;

/// <summary>
/// How <see cref="OnnxExporter"/> writes a segmentation network: operator set, batch-norm folding, which input
/// dimensions stay symbolic, the output activation, and the <c>metadata_props</c> a deployment needs to reproduce the
/// training-time preprocessing (window, normalisation and resize are passed in by the caller as the strings it wants
/// recorded).
/// </summary>
public sealed record OnnxExportOptions
{
    /// <summary>Default-domain operator set, <see cref="OnnxGraphBuilder.MinOpset"/>–<see cref="OnnxGraphBuilder.MaxOpset"/> (default 17).</summary>
    public int Opset { get; init; } = OnnxGraphBuilder.MaxOpset;

    /// <summary>
    /// Fold every BatchNorm (running statistics) into the convolution before it: w' = w·γ/√(var+ε),
    /// b' = (b − μ)·γ/√(var+ε) + β. The graph then has no BatchNormalization nodes.
    /// </summary>
    public bool FoldBatchNorm { get; init; }

    /// <summary>Batch dimension symbolic (<c>N</c>) rather than fixed to <see cref="BatchSize"/> (default true).</summary>
    public bool DynamicBatch { get; init; } = true;

    /// <summary>Height and width symbolic (<c>H</c>, <c>W</c>) rather than fixed to <see cref="InputSize"/> (default true).</summary>
    public bool DynamicSpatial { get; init; } = true;

    /// <summary>The fixed batch size when <see cref="DynamicBatch"/> is false.</summary>
    public long BatchSize { get; init; } = 1;

    /// <summary>The fixed (height, width) when <see cref="DynamicSpatial"/> is false; both multiples of the encoder's RequiredDivisor.</summary>
    public (long Height, long Width)? InputSize { get; init; }

    /// <summary>Activation applied to the logits (default none: the graph outputs logits).</summary>
    public OnnxOutputActivation OutputActivation { get; init; } = OnnxOutputActivation.None;

    /// <summary>Name of the graph input (default <c>image</c>).</summary>
    public string InputName { get; init; } = "image";

    /// <summary>Name of the graph output (default <c>logits</c>, or <c>probabilities</c> with an activation).</summary>
    public string? OutputName { get; init; }

    /// <summary>The configuration the network was built from, recorded as JSON; derived from the network when null.</summary>
    public ModelConfig? ModelConfig { get; init; }

    /// <summary>Intensity window applied before the network, as the caller describes it (e.g. <c>"center=40,width=400"</c>).</summary>
    public string? PreprocessingWindow { get; init; }

    /// <summary>Intensity normalisation, as the caller describes it (e.g. <c>"zscore(mean=0.1,std=0.3)"</c>).</summary>
    public string? PreprocessingNormalization { get; init; }

    /// <summary>Resampling before the network, as the caller describes it (e.g. <c>"256x256 bilinear"</c>).</summary>
    public string? PreprocessingResize { get; init; }

    /// <summary>Class names, index k naming output channel k (background first); its length must equal the class count.</summary>
    public IReadOnlyList<string>? Labels { get; init; }

    /// <summary>Pixel spacing the network was trained at, as the caller describes it (e.g. <c>"0.78x0.78"</c> in mm).</summary>
    public string? SpacingMm { get; init; }

    /// <summary>Further <c>metadata_props</c> entries; keys must not collide with the ones the exporter writes.</summary>
    public IReadOnlyDictionary<string, string>? ExtraMetadata { get; init; }

    /// <summary>The output name in effect.</summary>
    public string EffectiveOutputName => OutputName ?? (OutputActivation == OnnxOutputActivation.None ? "logits" : "probabilities");
}
