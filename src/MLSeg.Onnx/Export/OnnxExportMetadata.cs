namespace MLSeg.Onnx.Export;

/// <summary>The <c>metadata_props</c> keys <see cref="OnnxExporter"/> writes (values are UTF-8 strings).</summary>
public static class OnnxExportMetadata
{
    /// <summary>MLSeg's version (the MLSeg.Onnx assembly's informational version).</summary>
    public const string Version = "mlseg.version";

    /// <summary>The network family (<c>UNet</c>, <c>ResNet18UNet</c>, <c>ResNet34UNet</c>).</summary>
    public const string Architecture = "mlseg.architecture";

    /// <summary>The full ModelConfig as JSON (enums as names), as <see cref="ModelConfigJson"/> writes it.</summary>
    public const string ModelConfig = "mlseg.model_config";

    /// <summary>What the output holds: <c>logits</c>, <c>softmax</c> or <c>sigmoid</c>.</summary>
    public const string Output = "mlseg.output";

    /// <summary>Input height and width must be multiples of this (the encoder's bottleneck stride).</summary>
    public const string RequiredDivisor = "mlseg.required_divisor";

    /// <summary>Whether BatchNorm was folded into the convolutions (<c>true</c>/<c>false</c>).</summary>
    public const string FoldedBatchNorm = "mlseg.folded_batch_norm";

    /// <summary>The intensity window, as given in <see cref="OnnxExportOptions.PreprocessingWindow"/>.</summary>
    public const string PreprocessingWindow = "mlseg.preprocessing.window";

    /// <summary>The normalisation, as given in <see cref="OnnxExportOptions.PreprocessingNormalization"/>.</summary>
    public const string PreprocessingNormalization = "mlseg.preprocessing.normalization";

    /// <summary>The resize, as given in <see cref="OnnxExportOptions.PreprocessingResize"/>.</summary>
    public const string PreprocessingResize = "mlseg.preprocessing.resize";

    /// <summary>Class names as a JSON array of strings, index k naming output channel k.</summary>
    public const string Labels = "mlseg.labels";

    /// <summary>The training pixel spacing, as given in <see cref="OnnxExportOptions.SpacingMm"/>.</summary>
    public const string SpacingMm = "mlseg.spacing_mm";
}
