using System.Text.Json;
using MLSeg.ImageIO.Npy;
using MLSeg.TestKit;

namespace MLSeg.Cli.Tests;

/// <summary>
/// <c>mlseg onnx run</c> on the model PyTorch exported (tests/MLSeg.Onnx.Tests/References, torch.onnx.export), checked
/// against PyTorch's own output stored beside it; and its errors.
/// </summary>
public sealed class OnnxRunCliTests : IDisposable
{
    private static readonly string References = Path.Combine(RepoPaths.Root, "tests", "MLSeg.Onnx.Tests", "References");
    private static readonly string Model = Path.Combine(References, "torch_tiny_net.onnx");
    private readonly string _dir = RepoPaths.NewTempDir("mlseg-cli-onnx");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private (float[] Input, int[] InputShape, float[] Output, int[] OutputShape) Reference()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(References, "torch_tiny_net.json")));
        JsonElement root = json.RootElement;
        float[] Floats(string name) => [.. root.GetProperty(name).EnumerateArray().Select(e => e.GetSingle())];
        int[] Ints(string name) => [.. root.GetProperty(name).EnumerateArray().Select(e => e.GetInt32())];
        return (Floats("input"), Ints("inputShape"), Floats("output"), Ints("outputShape"));
    }

    private string WriteInput(int[] shape, float[] data)
    {
        string path = Path.Combine(_dir, "x.npy");
        NpyWriter.Write(path, new NpyArray(shape, data));
        return path;
    }

    [Fact]
    public void OnnxRun_TorchExportedModel_MatchesPyTorch()
    {
        var (input, inputShape, expected, outputShape) = Reference();
        string output = Path.Combine(_dir, "y.npy");
        var (code, _, stderr) = CliProcess.Run("onnx", "run", "--model", Model, "--input", WriteInput(inputShape, input), "--out", output);
        Assert.True(code == 0, stderr);
        NpyArray y = NpyReader.Read(output);
        Assert.Equal(outputShape, y.Shape);
        float[] actual = y.ToFloat32();
        double max = actual.Zip(expected).Max(p => Math.Abs((double)p.First - p.Second));
        Assert.True(max <= 1e-5, $"max |mlseg onnx run − PyTorch| = {max}");
    }

    [Fact]
    public void OnnxRun_DeviceCudaOnCpuBuild_FailsNamingWhatIsMissing()
    {
        var (input, inputShape, _, _) = Reference();
        string output = Path.Combine(_dir, "y.npy");
        var (code, _, stderr) = CliProcess.Run("onnx", "run", "--model", Model, "--input", WriteInput(inputShape, input), "--out", output, "--device", "cuda");
        Assert.Equal(1, code);
        Assert.Contains("Microsoft.ML.OnnxRuntime.Gpu.Linux", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void OnnxRun_UnknownDevice_IsUsageError()
    {
        var (code, _, stderr) = CliProcess.Run("onnx", "run", "--model", Model, "--input", "x.npy", "--out", "y.npy", "--device", "gpu");
        Assert.Equal(2, code);
        Assert.Contains("'gpu'", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void OnnxRun_WrongInputShape_NamesInputExpectedAndGiven()
    {
        string output = Path.Combine(_dir, "y.npy");
        var (code, _, stderr) = CliProcess.Run("onnx", "run", "--model", Model, "--input", WriteInput([1, 1, 4, 4], new float[16]), "--out", output);
        Assert.Equal(1, code);
        Assert.Contains("image: float[1, 1, 8, 8]", stderr, StringComparison.Ordinal);
        Assert.Contains("float[1, 1, 4, 4]", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void OnnxRun_MissingModel_NamesIt()
    {
        string missing = Path.Combine(_dir, "absent.onnx");
        var (code, _, stderr) = CliProcess.Run("onnx", "run", "--model", missing, "--input", WriteInput([1], [0f]), "--out", Path.Combine(_dir, "y.npy"));
        Assert.Equal(1, code);
        Assert.Contains(missing, stderr, StringComparison.Ordinal);
    }
}
