using System.Text.Json;
using Microsoft.ML.OnnxRuntime;

namespace MLSeg.Onnx.Tests;

/// <summary>
/// A model exported by PyTorch's own torch.onnx.export (References/make_torch_onnx.py, torch 1.13, opset 13), run
/// through ONNX Runtime (NuGet) and compared with PyTorch's output kept beside it.
/// </summary>
public class TorchExportedModelTests
{
    private static string Reference(string name) => Path.Combine(AppContext.BaseDirectory, "References", name);

    [Fact]
    public void Run_TorchExportedTinyNet_MatchesPyTorchOutput()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Reference("torch_tiny_net.json")));
        JsonElement root = json.RootElement;
        float[] input = root.GetProperty("input").EnumerateArray().Select(e => e.GetSingle()).ToArray();
        float[] expected = root.GetProperty("output").EnumerateArray().Select(e => e.GetSingle()).ToArray();
        long[] inputShape = root.GetProperty("inputShape").EnumerateArray().Select(e => e.GetInt64()).ToArray();
        long[] outputShape = root.GetProperty("outputShape").EnumerateArray().Select(e => e.GetInt64()).ToArray();

        using InferenceSession session = OrtSessions.Open(Reference("torch_tiny_net.onnx"));
        Assert.Equal(["image"], session.InputNames);
        Assert.Equal(["probabilities"], session.OutputNames);
        using OrtValue x = OrtValue.CreateTensorValueFromMemory(input, inputShape);
        using var outputs = session.RunChecked(new Dictionary<string, OrtValue> { ["image"] = x });
        OrtValue output = Assert.Single(outputs);

        Assert.Equal(outputShape, output.GetTensorTypeAndShape().Shape);
        float[] actual = output.GetTensorDataAsSpan<float>().ToArray();
        Assert.True(TestModels.MaxAbsDiff(actual, expected) <= 1e-5, $"max |MLSeg ORT − PyTorch| = {TestModels.MaxAbsDiff(actual, expected)}");
    }

    [Fact]
    public void Read_TorchExportedTinyNet_ReportsOpsetProducerAndIo()
    {
        OnnxModelInfo info = OnnxModelInfo.Read(Reference("torch_tiny_net.onnx"));
        Assert.Equal("pytorch", info.ProducerName);
        Assert.Equal(13, info.Opsets[string.Empty]);
        Assert.Equal("image: float[1, 1, 8, 8]", Assert.Single(info.Inputs).Describe());
        Assert.Equal("probabilities: float[1, 2, 16, 16]", Assert.Single(info.Outputs).Describe());
    }
}
