using System.Text.Json;
using MLSeg.Core.Errors;
using MLSeg.Core.Randomness;
using MLSeg.Models.Engine;
using MLSeg.Onnx.Writer;
using TorchSharp;
using static TorchSharp.torch;

namespace MLSeg.Onnx.Export;

/// <summary>What <see cref="CheckpointExport.Run"/> did.</summary>
/// <param name="OutputPath">The .onnx file written.</param>
/// <param name="MaxAbsDiff">max |ONNX Runtime − engine| on the verification input; null when not verified.</param>
/// <param name="VerifyInputShape">The verification input's (N, C, H, W); null when not verified.</param>
public sealed record CheckpointExportResult(string OutputPath, double? MaxAbsDiff, long[]? VerifyInputShape)
{
    /// <summary>True when verification ran and stayed within <see cref="OnnxExporter.VerifyTolerance"/> (false for NaN).</summary>
    public bool Passed => MaxAbsDiff is double d && d <= OnnxExporter.VerifyTolerance;
}

/// <summary>The work of <c>mlseg export-onnx</c>: checkpoint → ONNX file, optionally verified through ONNX Runtime.</summary>
public static class CheckpointExport
{
    /// <summary>Height and width of the verification input when the checkpoint records no training size (rounded up to the encoder's divisor).</summary>
    public const long DefaultVerifySize = 64;

    /// <summary>
    /// Loads the checkpoint at <paramref name="checkpointPath"/> (<see cref="ModelCheckpoint.Load"/>), writes its ONNX
    /// export to <paramref name="outputPath"/>, and with <paramref name="verify"/> runs one standard-normal input drawn
    /// from <paramref name="seed"/> of shape 1×C×H×W — H×W the checkpoint's <see cref="ModelCheckpoint.InputSizeKey"/>,
    /// else <see cref="DefaultVerifySize"/> rounded up to a multiple of the encoder's RequiredDivisor — through both engines.
    /// </summary>
    /// <remarks>
    /// Checkpoint metadata under the ONNX keys of <see cref="OnnxExportMetadata"/> (preprocessing window, normalisation,
    /// resize, spacing, labels as a JSON array) is carried into the model's <c>metadata_props</c>.
    /// </remarks>
    /// <param name="checkpointPath">A model.safetensors file or the folder holding it.</param>
    /// <param name="outputPath">The .onnx file to write (atomically).</param>
    /// <param name="foldBatchNorm">Fold BatchNorm into the preceding convolutions.</param>
    /// <param name="opset">Default-domain opset, 13–17.</param>
    /// <param name="verify">Compare ONNX Runtime with the engine (TorchSharp) on one input.</param>
    /// <param name="seed">Seed of the verification input (a <see cref="SeedSource"/> value).</param>
    public static CheckpointExportResult Run(string checkpointPath, string outputPath, bool foldBatchNorm = false, int opset = OnnxGraphBuilder.MaxOpset,
        bool verify = false, long seed = 0)
    {
        ArgumentException.ThrowIfNullOrEmpty(checkpointPath);
        ArgumentException.ThrowIfNullOrEmpty(outputPath);
        ArgumentOutOfRangeException.ThrowIfLessThan(opset, OnnxGraphBuilder.MinOpset);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(opset, OnnxGraphBuilder.MaxOpset);
        ModelCheckpointContent checkpoint = ModelCheckpoint.Load(checkpointPath);
        using var network = checkpoint.Network;
        var (height, width) = ModelCheckpoint.InputSize(checkpoint.Metadata, checkpoint.Path) ?? (DefaultVerifySize, DefaultVerifySize);
        var options = new OnnxExportOptions
        {
            Opset = opset,
            FoldBatchNorm = foldBatchNorm,
            ModelConfig = checkpoint.Config,
            PreprocessingWindow = checkpoint.Metadata.GetValueOrDefault(OnnxExportMetadata.PreprocessingWindow),
            PreprocessingNormalization = checkpoint.Metadata.GetValueOrDefault(OnnxExportMetadata.PreprocessingNormalization),
            PreprocessingResize = checkpoint.Metadata.GetValueOrDefault(OnnxExportMetadata.PreprocessingResize),
            SpacingMm = checkpoint.Metadata.GetValueOrDefault(OnnxExportMetadata.SpacingMm),
            Labels = Labels(checkpoint),
        };
        byte[] model = OnnxExporter.Export(network, options);
        string full = Path.GetFullPath(outputPath);
        string temp = $"{full}.{Environment.ProcessId}.tmp";
        try
        {
            File.WriteAllBytes(temp, model);
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }

        if (!verify)
        {
            return new CheckpointExportResult(full, null, null);
        }

        long divisor = network.Encoder.RequiredDivisor;
        long[] shape = [1, network.Encoder.InChannels, RoundUp(height, divisor), RoundUp(width, divisor)];
        using Generator generator = SeededGenerators.Create(new SeedSource(unchecked((ulong)seed)));
        using Tensor input = torch.randn(shape, generator: generator);
        return new CheckpointExportResult(full, OnnxExporter.Verify(network, model, input), shape);
    }

    private static string[]? Labels(ModelCheckpointContent checkpoint)
    {
        if (!checkpoint.Metadata.TryGetValue(OnnxExportMetadata.Labels, out string? json))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<string[]>(json) ?? throw new JsonException("null");
        }
        catch (JsonException e)
        {
            throw new SchemaMismatchException($"{checkpoint.Path}: metadata '{OnnxExportMetadata.Labels}' is '{json}'; expected a JSON array of class names.", e);
        }
    }

    private static long RoundUp(long value, long divisor) => (value + divisor - 1) / divisor * divisor;
}
