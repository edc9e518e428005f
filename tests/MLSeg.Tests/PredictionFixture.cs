using System.Globalization;
using MLSeg.Core.Randomness;
using MLSeg.Models;
using MLSeg.Models.Contracts;
using MLSeg.Onnx.Export;
using MLSeg.Synthetic;
using MLSeg.Synthetic.Ct;
using MLSeg.Synthetic.Writing;
using MLSeg.TestKit;
using MLSeg.Models.Engine;
using TorchSharp;
using static TorchSharp.torch;

namespace MLSeg.Tests;

/// <summary>
/// A tiny synthetic L3 cohort (4 patients, 32 px DICOM) and a tiny 2-class U-Net saved as a checkpoint with recorded
/// preprocessing (soft-tissue window, z-score, resize 16 — so prediction must resize down and back), plus its ONNX
/// export. The model is built on first use, so tests that skip for want of libtorch never touch it.
/// </summary>
public sealed class PredictionFixture : IDisposable
{
    /// <summary>The recorded training statistics (z-score of soft-tissue-windowed values).</summary>
    public const double Mean = 0.4, Std = 0.25;

    private readonly Lazy<(string Checkpoint, string Onnx)> _models;

    public PredictionFixture()
    {
        Directory = RepoPaths.NewTempDir("mlseg-predict");
        CohortDir = Path.Combine(Directory, "cohort");
        new CohortGenerator(new DicomPngCohortWriter()).GenerateL3Ct(CohortDir, 4, new SeedSource(7), new L3CtOptions { SizePx = 32, Observers = 1 });
        ManifestPath = Path.Combine(CohortDir, CohortGenerator.ManifestFileName);
        _models = new Lazy<(string, string)>(BuildModels);
    }

    public static ModelConfig Config { get; } = new() { Depth = 2, BaseChannels = 8, NumClasses = 2 };

    public static Dictionary<string, string> Metadata { get; } = new(StringComparer.Ordinal)
    {
        [OnnxExportMetadata.PreprocessingWindow] = "\"soft-tissue\"",
        [OnnxExportMetadata.PreprocessingNormalization] = string.Create(CultureInfo.InvariantCulture, $"{{\"kind\":\"zscore\",\"mean\":{Mean},\"std\":{Std}}}"),
        [OnnxExportMetadata.PreprocessingResize] = "16",
        [ModelCheckpoint.InputSizeKey] = "16x16",
    };

    public string Directory { get; }

    public string CohortDir { get; }

    public string ManifestPath { get; }

    public string CheckpointPath => _models.Value.Checkpoint;

    public string OnnxPath => _models.Value.Onnx;

    public string NewOutputDir(string name) => Path.Combine(Directory, name + "-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);

    private (string, string) BuildModels()
    {
        using var generator = new Generator(3UL);
        using SegmentationNetwork network = ModelFactory.Create(Config, generator);
        network.eval();
        string checkpoint = ModelCheckpoint.Save(network, Config, Path.Combine(Directory, "model", "checkpoint.safetensors"), Metadata);
        string onnx = Path.Combine(Directory, "model", "model.onnx");
        OnnxExporter.Save(network, onnx, new OnnxExportOptions
        {
            ModelConfig = Config,
            PreprocessingWindow = Metadata[OnnxExportMetadata.PreprocessingWindow],
            PreprocessingNormalization = Metadata[OnnxExportMetadata.PreprocessingNormalization],
            PreprocessingResize = Metadata[OnnxExportMetadata.PreprocessingResize],
        });
        return (checkpoint, onnx);
    }
}
