using MLSeg.Onnx.Export;
using MLSeg.TestKit;

namespace MLSeg.Onnx.Tests;

public sealed class CheckpointExportTests : IDisposable
{
    private readonly string dir = RepoPaths.NewTempDir("mlseg-export-cli");

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [NativeFact]
    public void Run_UNetWithTrainingSize_VerifiesAtThatSize()
    {
        const string name = "unet-batch-bilinear";
        using (SegmentationNetworkScope scope = new(ExportCases.Create(name)))
        {
            ModelCheckpoint.Save(scope.Network, ExportCases.Configs[name], Path.Combine(dir, "ckpt"),
                new Dictionary<string, string>
                {
                    [ModelCheckpoint.InputSizeKey] = "32x48", [OnnxExportMetadata.PreprocessingWindow] = "center=40,width=400",
                    [OnnxExportMetadata.Labels] = "[\"bg\",\"lv\",\"myo\"]",
                });
        }

        string onnx = Path.Combine(dir, "m.onnx");
        CheckpointExportResult result = CheckpointExport.Run(Path.Combine(dir, "ckpt"), onnx, foldBatchNorm: true, opset: 13, verify: true, seed: 4);
        Assert.Equal(onnx, result.OutputPath);
        Assert.Equal([1L, 1, 32, 48], Assert.IsType<long[]>(result.VerifyInputShape));
        Assert.True(result.Passed, $"max_abs_diff = {result.MaxAbsDiff}");
        OnnxModelInfo info = OnnxModelInfo.Read(onnx);
        Assert.Equal(13, info.Opsets[string.Empty]);
        Assert.Equal("true", info.Metadata[OnnxExportMetadata.FoldedBatchNorm]);
        Assert.Equal(ModelConfigJson.Serialize(ExportCases.Configs[name]), info.Metadata[OnnxExportMetadata.ModelConfig]);
        Assert.Equal("center=40,width=400", info.Metadata[OnnxExportMetadata.PreprocessingWindow]);
        Assert.Equal("[\"bg\",\"lv\",\"myo\"]", info.Metadata[OnnxExportMetadata.Labels]);
    }

    [NativeFact]
    public void Run_ResNetWithoutTrainingSize_VerifiesAtDefault64()
    {
        const string name = "resnet18-average-batch-transpose";
        string path = Path.Combine(dir, "r.safetensors");
        using (SegmentationNetworkScope scope = new(ExportCases.Create(name)))
        {
            ModelCheckpoint.Save(scope.Network, ExportCases.Configs[name], path);
        }

        CheckpointExportResult result = CheckpointExport.Run(path, Path.Combine(dir, "r.onnx"), verify: true);
        Assert.Equal([1L, 1, 64, 64], Assert.IsType<long[]>(result.VerifyInputShape));
        Assert.True(result.Passed, $"max_abs_diff = {result.MaxAbsDiff}");
    }

    [NativeFact]
    public void Run_WithoutVerify_WritesModelOnly()
    {
        const string name = "unet-group-transpose";
        using (SegmentationNetworkScope scope = new(ExportCases.Create(name)))
        {
            ModelCheckpoint.Save(scope.Network, ExportCases.Configs[name], dir);
        }

        CheckpointExportResult result = CheckpointExport.Run(dir, Path.Combine(dir, "g.onnx"));
        Assert.Null(result.MaxAbsDiff);
        Assert.False(result.Passed);
        Assert.True(new FileInfo(result.OutputPath).Length > 0);
    }

    [Theory]
    [InlineData(12)]
    [InlineData(18)]
    public void Run_OpsetOutOfRange_Throws(int opset) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => CheckpointExport.Run("x", "y.onnx", opset: opset));
}
