using System.Text.Json;
using MLSeg.Models.Contracts;
using MLSeg.Onnx.Export;
using MLSeg.TestKit;
using TorchSharp;
using static TorchSharp.torch;

namespace MLSeg.Onnx.Tests;

/// <summary>
/// A checkpoint written by PyTorch (References/make_torch_checkpoint.py, torch 1.13: a U-Net with MLSeg's module
/// names, safetensors written from the specification, MLSeg's config metadata) loaded by <see cref="ModelCheckpoint"/>,
/// run by the engine and exported to ONNX, each compared with PyTorch's logits kept beside it.
/// </summary>
public class TorchCheckpointTests
{
    // float32 convolutions in another summation order (libtorch 2.10 here, 1.13 there; ORT): a few ulps of O(1) logits.
    private const double EngineTolerance = 1e-5;

    private static readonly string Checkpoint = Reference("torch_unet_checkpoint.safetensors");

    [NativeFact]
    public void Load_PyTorchWrittenCheckpoint_ReproducesPyTorchLogits()
    {
        var (input, inputShape, expected, config) = ReadReference();
        ModelCheckpointContent loaded = ModelCheckpoint.Load(Checkpoint);
        using SegmentationNetworkScope scope = new(loaded.Network);
        Assert.Equal(config, loaded.Config);
        Assert.Equal((16L, 16L), ModelCheckpoint.InputSize(loaded.Metadata, Checkpoint));

        using var noGrad = torch.no_grad();
        using Tensor x = torch.tensor(input, inputShape);
        using Tensor logits = scope.Network.forward(x);
        Assert.Equal([1L, 3, 16, 16], logits.shape);
        double diff = TestModels.MaxAbsDiff(logits.data<float>().ToArray(), expected);
        Assert.True(diff <= EngineTolerance, $"max |engine − PyTorch| = {diff}");
    }

    [NativeTheory]
    [InlineData(false)]
    [InlineData(true)]
    public void Export_PyTorchWrittenCheckpoint_OrtMatchesPyTorchLogits(bool fold)
    {
        var (input, inputShape, expected, _) = ReadReference();
        string dir = RepoPaths.NewTempDir("mlseg-torch-ckpt");
        try
        {
            string onnx = Path.Combine(dir, "unet.onnx");
            CheckpointExportResult result = CheckpointExport.Run(Checkpoint, onnx, foldBatchNorm: fold, verify: true, seed: 5);
            // Verification ran at the recorded training size and agreed with the engine.
            Assert.Equal([1L, 1, 16, 16], Assert.IsType<long[]>(result.VerifyInputShape));
            Assert.True(result.Passed, $"max_abs_diff = {result.MaxAbsDiff}");

            using var session = OrtSessions.Open(onnx);
            float[] ort = session.RunImage(input, inputShape);
            double diff = TestModels.MaxAbsDiff(ort, expected);
            Assert.True(diff <= OnnxExporter.VerifyTolerance, $"fold={fold}: max |ORT − PyTorch| = {diff}");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static string Reference(string name) => Path.Combine(AppContext.BaseDirectory, "References", name);

    private static (float[] Input, long[] InputShape, float[] Output, ModelConfig Config) ReadReference()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Reference("torch_unet_checkpoint.json")));
        JsonElement root = json.RootElement;
        return (root.GetProperty("input").EnumerateArray().Select(e => e.GetSingle()).ToArray(),
            root.GetProperty("inputShape").EnumerateArray().Select(e => e.GetInt64()).ToArray(),
            root.GetProperty("output").EnumerateArray().Select(e => e.GetSingle()).ToArray(),
            ModelConfigJson.Deserialize(root.GetProperty("config").GetRawText(), "torch_unet_checkpoint.json"));
    }
}
