using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLSeg.Core.IO;
using MLSeg.Onnx.Export;
using MLSeg.Onnx.Writer;
using MLSeg.Prediction;
using MLSeg.Transforms.Windowing;

namespace MLSeg.Deployment;

/// <summary>
/// The deployable form of a fine-tuned checkpoint for ML.NET apps: a plain ML.NET model file that an app referencing
/// only Microsoft.ML, Microsoft.ML.OnnxTransformer and Microsoft.ML.OnnxRuntime opens with <c>mlContext.Model.Load</c>.
/// Its one input column <see cref="InputColumn"/> holds the image's modality values (e.g. HU after the Modality LUT)
/// as a float32 vector of channels × H × W, H and W as trained (<see cref="ModelPreprocessing.SizePx"/>); the
/// checkpoint's windowing (PS3.3 C.11.2.1.2) and z-score run inside as one built-in ML.NET <c>Expression</c> transform,
/// then <c>ApplyOnnxModel</c> runs the network exported with a softmax head (the ONNX model is embedded in the file);
/// the one output column <see cref="OutputColumn"/> holds the per-class probabilities, classes × H × W.
/// </summary>
public static class MLNetPipelineExport
{
    /// <summary>The input column: modality values, float32, channels × H × W.</summary>
    public const string InputColumn = "input";

    /// <summary>The output column: per-class probabilities, float32, classes × H × W.</summary>
    public const string OutputColumn = "probabilities";

    // The ONNX graph's input name, and the column holding the preprocessed values (dropped at the end).
    private const string NetworkInput = "image";

    /// <summary>Writes the ML.NET pipeline for <paramref name="checkpointPath"/> to <paramref name="pipelinePath"/> (atomically).</summary>
    /// <param name="checkpointPath">A model.safetensors written by ModelCheckpoint.Save (with the runner's preprocessing metadata), or its folder.</param>
    /// <param name="pipelinePath">The ML.NET model file (.zip) to write.</param>
    /// <param name="opset">ONNX default-domain opset of the embedded network.</param>
    /// <returns>The pipeline's input shape (channels, height, width) and class count.</returns>
    /// <exception cref="ModelMetadataException">The checkpoint does not record its preprocessing.</exception>
    public static (long Channels, int Height, int Width, long Classes) Write(string checkpointPath, string pipelinePath, int opset = OnnxGraphBuilder.MaxOpset)
    {
        ArgumentException.ThrowIfNullOrEmpty(checkpointPath);
        ArgumentException.ThrowIfNullOrEmpty(pipelinePath);
        ModelCheckpointContent checkpoint = ModelCheckpoint.Load(checkpointPath);
        using var network = checkpoint.Network;
        ModelPreprocessing preprocessing = ModelPreprocessing.FromMetadata(checkpoint.Metadata, checkpoint.Path);
        long channels = checkpoint.Config.InChannels;
        int size = preprocessing.SizePx;
        byte[] onnx = OnnxExporter.Export(network, new OnnxExportOptions
        {
            Opset = opset,
            ModelConfig = checkpoint.Config,
            OutputActivation = OnnxOutputActivation.Softmax,
            OutputName = OutputColumn,
            InputName = NetworkInput,
            DynamicBatch = false,
            DynamicSpatial = false,
            InputSize = (size, size),
            PreprocessingWindow = checkpoint.Metadata.GetValueOrDefault(OnnxExportMetadata.PreprocessingWindow),
            PreprocessingNormalization = checkpoint.Metadata.GetValueOrDefault(OnnxExportMetadata.PreprocessingNormalization),
            PreprocessingResize = checkpoint.Metadata.GetValueOrDefault(OnnxExportMetadata.PreprocessingResize),
            SpacingMm = checkpoint.Metadata.GetValueOrDefault(OnnxExportMetadata.SpacingMm),
        });

        string scratch = Path.Combine(Path.GetTempPath(), $"mlseg-mlnet-export-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(scratch);
        try
        {
            string onnxPath = Path.Combine(scratch, "network.onnx");
            File.WriteAllBytes(onnxPath, onnx);
            var ml = new MLContext(seed: 0);
            var definition = SchemaDefinition.Create(typeof(InputRow));
            definition[InputColumn].ColumnType = new VectorDataViewType(NumberDataViewType.Single, (int)channels, size, size);
            IDataView empty = ml.Data.LoadFromEnumerable(Array.Empty<InputRow>(), definition);
            var pipeline = ml.Transforms.Expression(NetworkInput, PreprocessingExpression(preprocessing), InputColumn)
                .Append(ml.Transforms.ApplyOnnxModel(new[] { OutputColumn }, new[] { NetworkInput }, onnxPath,
                    shapeDictionary: new Dictionary<string, int[]> { [NetworkInput] = [1, (int)channels, size, size] }, gpuDeviceId: null, fallbackToCpu: false))
                .Append(ml.Transforms.DropColumns(NetworkInput));
            using var fitted = pipeline.Fit(empty);
            AtomicFile.Write(Path.GetFullPath(pipelinePath), stream => ml.Model.Save(fitted, empty.Schema, stream));
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }

        return (channels, size, size, checkpoint.Config.NumClasses);
    }

    /// <summary>
    /// The checkpoint's window and z-score as one ML.NET expression over a vector (applied per value): LINEAR,
    /// LINEAR_EXACT and SIGMOID windows to [0, 1] as MLSeg's VoiWindow computes them, then <c>(y − mean) / std</c>.
    /// </summary>
    internal static string PreprocessingExpression(ModelPreprocessing preprocessing)
    {
        ArgumentNullException.ThrowIfNull(preprocessing);
        string windowed = preprocessing.Window switch
        {
            null => "x",
            { Function: VoiLutFunction.Linear } w => $"min(max((x - {F(w.Center - 0.5)}) / {F(w.Width - 1)} + 0.5, 0.0), 1.0)",
            { Function: VoiLutFunction.LinearExact } w => $"min(max((x - {F(w.Center)}) / {F(w.Width)} + 0.5, 0.0), 1.0)",
            { } w => $"1.0 / (1.0 + exp(-4.0 * (x - {F(w.Center)}) / {F(w.Width)}))",
        };
        string body = preprocessing.ZScore is { } z ? $"({windowed} - {F(z.Mean)}) / {F(z.Std)}" : windowed;
        return "x : " + body;
    }

    // A float literal the expression language reads as Single (always with a decimal point, never an exponent).
    private static string F(double value)
    {
        string s = ((float)value).ToString("R", CultureInfo.InvariantCulture);
        if (s.Contains('E', StringComparison.Ordinal))
        {
            s = ((decimal)value).ToString(CultureInfo.InvariantCulture);
        }

        return s.Contains('.', StringComparison.Ordinal) ? s : s + ".0";
    }

    private sealed class InputRow
    {
        [ColumnName(InputColumn)]
        public float[] Input { get; set; } = [];
    }
}
