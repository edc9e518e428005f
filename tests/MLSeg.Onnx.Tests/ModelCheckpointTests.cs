using MLSeg.Core.Errors;
using MLSeg.Models.Contracts;
using MLSeg.Onnx.Export;
using MLSeg.Models.Engine;
using MLSeg.TestKit;
using TorchSharp;
using static TorchSharp.torch;

namespace MLSeg.Onnx.Tests;

public sealed class ModelCheckpointTests : IDisposable
{
    private readonly string dir = RepoPaths.NewTempDir("mlseg-checkpoint");

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [NativeFact]
    public void SaveLoad_UNetFolder_RebuildsIdenticalNetwork()
    {
        using SegmentationNetworkScope original = new(ExportCases.Create("unet-group-bilinear"));
        string file = ModelCheckpoint.Save(original.Network, ExportCases.Configs["unet-group-bilinear"], Path.Combine(dir, "ckpt"),
            new Dictionary<string, string> { [ModelCheckpoint.InputSizeKey] = "32x48", ["arm"] = "scratch" });
        Assert.Equal(Path.Combine(dir, "ckpt", ModelCheckpoint.FileName), file);

        ModelCheckpointContent loaded = ModelCheckpoint.Load(Path.Combine(dir, "ckpt"));
        using SegmentationNetworkScope copy = new(loaded.Network);
        Assert.Equal(ExportCases.Configs["unet-group-bilinear"], loaded.Config);
        Assert.Equal("scratch", loaded.Metadata["arm"]);
        Assert.Equal((32L, 48L), ModelCheckpoint.InputSize(loaded.Metadata, file));
        Assert.False(copy.Network.training);
        AssertSameOutputs(original.Network, copy.Network);
    }

    [NativeFact]
    public void SaveLoad_ResNetFile_RebuildsIdenticalNetworkWithRunningStats()
    {
        const string name = "resnet18-repeat-batch-bilinear";
        using SegmentationNetworkScope original = new(ExportCases.Create(name));
        string path = Path.Combine(dir, "resnet.safetensors");
        Assert.Equal(path, ModelCheckpoint.Save(original.Network, ExportCases.Configs[name], path));

        ModelCheckpointContent loaded = ModelCheckpoint.Load(path);
        using SegmentationNetworkScope copy = new(loaded.Network);
        Assert.Equal(ExportCases.Configs[name], loaded.Config);
        Assert.Null(ModelCheckpoint.InputSize(loaded.Metadata, path));
        AssertSameOutputs(original.Network, copy.Network);
    }

    [NativeFact]
    public void StateDict_UNet_HoldsEveryStageAndDecoderBlock()
    {
        // Regression: ModuleList items added after the list was registered were missing from the state dict.
        // Depth 2 → 3 encoder stages × (2 convs + 2 BatchNorms × 5 tensors) = 36; 2 decoder blocks × (transposed conv
        // weight + bias + 12) = 28; head weight + bias = 2: 66 tensors.
        using SegmentationNetworkScope scope = new(ExportCases.Create("unet-batch-transpose"));
        var keys = StateDicts.Of(scope.Network).Keys.ToList();
        Assert.Equal(66, keys.Count);
        Assert.Contains("encoder.stages.2.norm2.running_var", keys);
        Assert.Contains("decoder.blocks.1.up.weight", keys);
        Assert.Contains("decoder.blocks.1.conv.conv2.weight", keys);
        Assert.Equal(keys.Count, scope.Network.named_parameters().Count() + scope.Network.named_buffers().Count());
    }

    [NativeFact]
    public void Save_ConfigOfAnotherLayout_Throws()
    {
        using SegmentationNetworkScope scope = new(ExportCases.Create("unet-batch-transpose"));
        ModelConfig wrong = ExportCases.Configs["unet-batch-transpose"] with { BaseChannels = 16 };
        var e = Assert.Throws<ArgumentException>(() => ModelCheckpoint.Save(scope.Network, wrong, dir));
        Assert.Contains("\"baseChannels\":16", e.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(dir, ModelCheckpoint.FileName)));
    }

    [NativeFact]
    public void Load_PlainStateDictWithoutConfig_ThrowsSchemaMismatch()
    {
        using SegmentationNetworkScope scope = new(ExportCases.Create("unet-batch-transpose"));
        string path = Path.Combine(dir, "plain.safetensors");
        StateDicts.Save(scope.Network, path);
        var e = Assert.Throws<SchemaMismatchException>(() => ModelCheckpoint.Load(path));
        Assert.Contains(ModelCheckpoint.ConfigKey, e.Message, StringComparison.Ordinal);
    }

    [NativeFact]
    public void Load_ConfigDisagreesWithWeights_ThrowsSchemaMismatch()
    {
        using SegmentationNetworkScope scope = new(ExportCases.Create("unet-batch-transpose"));
        string path = Path.Combine(dir, "lying.safetensors");
        string json = ModelConfigJson.Serialize(ExportCases.Configs["unet-batch-transpose"] with { BaseChannels = 4 });
        StateDicts.Save(scope.Network, path, new Dictionary<string, string> { [ModelCheckpoint.ConfigKey] = json });
        Assert.Throws<SchemaMismatchException>(() => ModelCheckpoint.Load(path));
    }

    [Fact]
    public void Load_MissingPath_ThrowsFileNotFound() =>
        Assert.Throws<FileNotFoundException>(() => ModelCheckpoint.Load(Path.Combine(dir, "nothing-here")));

    [Theory]
    [InlineData("{\"architecture\":\"VNet\"}")]
    [InlineData("{\"depthh\":3}")]
    [InlineData("[1,2]")]
    public void Deserialize_InvalidConfigJson_ThrowsSchemaMismatch(string json) =>
        Assert.Throws<SchemaMismatchException>(() => ModelConfigJson.Deserialize(json, "test"));

    [Theory]
    [InlineData("256")]
    [InlineData("0x64")]
    [InlineData("64x-64")]
    public void InputSize_Malformed_ThrowsSchemaMismatch(string text) =>
        Assert.Throws<SchemaMismatchException>(() => ModelCheckpoint.InputSize(new Dictionary<string, string> { [ModelCheckpoint.InputSizeKey] = text }, "test"));

    private static void AssertSameOutputs(SegmentationNetwork a, SegmentationNetwork b)
    {
        using var noGrad = torch.no_grad();
        using Tensor input = ExportCases.Input(1, a.Encoder.InChannels, 64, 64, 3);
        a.eval();
        using Tensor ya = a.forward(input);
        using Tensor yb = b.forward(input);
        Assert.Equal(ya.data<float>().ToArray(), yb.data<float>().ToArray());
    }
}
