using System.Globalization;
using MLSeg.Models;
using MLSeg.Models.Contracts;
using MLSeg.Onnx.Export;
using MLSeg.TestKit;
using MLSeg.Models.Engine;
using TorchSharp;
using static TorchSharp.torch;

namespace MLSeg.Tests;

/// <summary>
/// The checkpoint tests/MLSeg.MLNetApp.Tests exports with the CLI (that project must not reference MLSeg, so it cannot
/// build one): a seeded, untrained tiny U-Net with the runner's preprocessing metadata. Regenerate with
/// <c>MLSEG_UPDATE_FIXTURES=1</c>; otherwise this checks that the committed file is what the app test assumes.
/// </summary>
public sealed class MLNetAppFixtureTests
{
    public static readonly ModelConfig Config = new() { Depth = 2, BaseChannels = 4, NumClasses = 3 };

    private static string FixturePath => Path.Combine(RepoPaths.Root, "tests", "MLSeg.MLNetApp.Tests", "Fixtures", "unet-tiny.safetensors");

    [NativeFact]
    public void Fixture_Committed_IsTheTinyUNetWithSoftTissueZScoreAnd16Px()
    {
        if (Environment.GetEnvironmentVariable("MLSEG_UPDATE_FIXTURES") == "1")
        {
            using var generator = new Generator(11UL);
            using SegmentationNetwork network = ModelFactory.Create(Config, generator);
            network.eval();
            ModelCheckpoint.Save(network, Config, FixturePath, new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [OnnxExportMetadata.PreprocessingWindow] = "\"soft-tissue\"",
                [OnnxExportMetadata.PreprocessingNormalization] = string.Create(CultureInfo.InvariantCulture, $"{{\"kind\":\"zscore\",\"mean\":0.4,\"std\":0.25}}"),
                [OnnxExportMetadata.PreprocessingResize] = "16",
                [ModelCheckpoint.InputSizeKey] = "16x16",
            });
        }

        ModelCheckpointContent checkpoint = ModelCheckpoint.Load(FixturePath);
        checkpoint.Network.Dispose();
        Assert.Equal(Config, checkpoint.Config with { });
        Assert.Equal("\"soft-tissue\"", checkpoint.Metadata[OnnxExportMetadata.PreprocessingWindow]);
        Assert.Equal("{\"kind\":\"zscore\",\"mean\":0.4,\"std\":0.25}", checkpoint.Metadata[OnnxExportMetadata.PreprocessingNormalization]);
        Assert.Equal("16", checkpoint.Metadata[OnnxExportMetadata.PreprocessingResize]);
    }
}
