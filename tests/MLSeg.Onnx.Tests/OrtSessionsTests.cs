using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using MLSeg.Core.Errors;
using MLSeg.Onnx.Writer;
using MLSeg.TestKit;

namespace MLSeg.Onnx.Tests;

public class OrtSessionsTests
{
    [Fact]
    public void Runtime_PinnedNuGetBuild_IsCpu132()
    {
        Assert.Equal("1.32.0", OrtSessions.RuntimeVersion);
        Assert.Contains("CPUExecutionProvider", OrtSessions.AvailableProviders);
        Assert.DoesNotContain(OrtCuda.ProviderName, OrtSessions.AvailableProviders);
    }

    [Fact]
    public void Outputs_HoldOnlyTheLinuxX64Runtime()
    {
        // The package ships every OS's binaries; MLSeg copies only libonnxruntime.so and its provider bridge.
        Assert.True(File.Exists(Path.Combine(AppContext.BaseDirectory, "libonnxruntime.so")));
        Assert.False(File.Exists(Path.Combine(AppContext.BaseDirectory, "onnxruntime.dll")));
        Assert.False(Directory.Exists(Path.Combine(AppContext.BaseDirectory, "runtimes", "win-x64")));
        Assert.False(Directory.Exists(Path.Combine(AppContext.BaseDirectory, "runtimes", "osx-arm64")));
    }

    [Fact]
    public void Open_IdentityModel_ReportsNamesTypesAndSymbolicDims()
    {
        using InferenceSession s = OrtSessions.Open(TestModels.Identity(OnnxElementType.Float32), "identity.onnx");
        Assert.Equal(["x"], s.InputNames);
        Assert.Equal(["y"], s.OutputNames);
        OnnxValueInfo x = Assert.Single(s.InputInfos());
        Assert.Equal(OnnxElementType.Float32, x.ElementType);
        Assert.Equal([-1L, 2, 3], x.Shape);
        Assert.Equal(["batch", "", ""], x.SymbolicDims);
        Assert.Equal("x: float[batch, 2, 3]", x.Describe());
        Assert.Equal("identity.onnx", OrtSessions.NameOf(s));
        Assert.Equal("test", s.ModelMetadata.CustomMetadataMap["purpose"]);
    }

    public static TheoryData<OnnxElementType> ElementTypes => new()
    {
        OnnxElementType.Float32, OnnxElementType.Int64, OnnxElementType.UInt8, OnnxElementType.Bool, OnnxElementType.Float16,
    };

    [Theory]
    [MemberData(nameof(ElementTypes))]
    public void RunChecked_Identity_RoundTripsElementsAndShape(OnnxElementType type)
    {
        using InferenceSession s = OrtSessions.Open(TestModels.Identity(type));
        long[] shape = [2, 2, 3];
        switch (type)
        {
            case OnnxElementType.Float32: RoundTrip(s, TestModels.Random(12, 1), shape, TensorElementType.Float); break;
            case OnnxElementType.Int64: RoundTrip(s, Enumerable.Range(0, 12).Select(i => (long)i * 1_000_000_007L - 5).ToArray(), shape, TensorElementType.Int64); break;
            case OnnxElementType.UInt8: RoundTrip(s, Enumerable.Range(0, 12).Select(i => (byte)(i * 21)).ToArray(), shape, TensorElementType.UInt8); break;
            case OnnxElementType.Bool: RoundTrip(s, Enumerable.Range(0, 12).Select(i => i % 3 == 0).ToArray(), shape, TensorElementType.Bool); break;
            default: RoundTrip(s, TestModels.Random(12, 2).Select(f => (Float16)f).ToArray(), shape, TensorElementType.Float16); break;
        }
    }

    private static void RoundTrip<T>(InferenceSession s, T[] data, long[] shape, TensorElementType expected) where T : unmanaged
    {
        using OrtValue input = OrtValue.CreateTensorValueFromMemory(data, shape);
        using var outputs = s.RunChecked(new Dictionary<string, OrtValue> { ["x"] = input });
        OrtValue y = Assert.Single(outputs);
        Assert.Equal(expected, y.GetTensorTypeAndShape().ElementDataType);
        Assert.Equal(shape, y.GetTensorTypeAndShape().Shape);
        Assert.Equal(data, y.GetTensorDataAsSpan<T>().ToArray());
    }

    [Fact]
    public void RunChecked_MissingInput_NamesModelAndListsInputs()
    {
        using InferenceSession s = OrtSessions.Open(TestModels.Identity(OnnxElementType.Float32), "identity.onnx");
        var ex = Assert.Throws<OnnxModelException>(() => s.RunChecked(new Dictionary<string, OrtValue>()));
        Assert.Contains("identity.onnx", ex.Message, StringComparison.Ordinal);
        Assert.Contains("x: float[batch, 2, 3]", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RunChecked_UnknownInputName_NamesItAndListsInputs()
    {
        using InferenceSession s = OrtSessions.Open(TestModels.Identity(OnnxElementType.Float32), "identity.onnx");
        using OrtValue v = OrtValue.CreateTensorValueFromMemory(new float[6], [1, 2, 3]);
        var ex = Assert.Throws<OnnxModelException>(() => s.RunChecked(new Dictionary<string, OrtValue> { ["image"] = v }));
        Assert.Contains("no input 'image'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("x: float[batch, 2, 3]", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RunChecked_WrongShape_SaysExpectedAndGiven()
    {
        using InferenceSession s = OrtSessions.Open(TestModels.Identity(OnnxElementType.Float32), "identity.onnx");
        using OrtValue v = OrtValue.CreateTensorValueFromMemory(new float[8], [1, 2, 4]);
        var ex = Assert.Throws<OnnxModelException>(() => s.RunChecked(new Dictionary<string, OrtValue> { ["x"] = v }));
        Assert.Contains("expects shape x: float[batch, 2, 3]", ex.Message, StringComparison.Ordinal);
        Assert.Contains("float[1, 2, 4]", ex.Message, StringComparison.Ordinal);
        Assert.Contains("identity.onnx", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RunChecked_WrongElementType_SaysExpectedAndGiven()
    {
        using InferenceSession s = OrtSessions.Open(TestModels.Identity(OnnxElementType.Float32), "identity.onnx");
        using OrtValue v = OrtValue.CreateTensorValueFromMemory(new long[6], [1, 2, 3]);
        var ex = Assert.Throws<OnnxModelException>(() => s.RunChecked(new Dictionary<string, OrtValue> { ["x"] = v }));
        Assert.Contains("int64[1, 2, 3]", ex.Message, StringComparison.Ordinal);
        Assert.Contains("float[batch, 2, 3]", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RunChecked_UnknownOutput_ListsOutputs()
    {
        using InferenceSession s = OrtSessions.Open(TestModels.Identity(OnnxElementType.Float32));
        using OrtValue v = OrtValue.CreateTensorValueFromMemory(new float[6], [1, 2, 3]);
        var ex = Assert.Throws<OnnxModelException>(() => s.RunChecked(new Dictionary<string, OrtValue> { ["x"] = v }, ["probabilities"]));
        Assert.Contains("no output 'probabilities'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("y: float[batch, 2, 3]", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_TruncatedFile_NamesFileAndRuntimeError()
    {
        string dir = RepoPaths.NewTempDir("mlseg-onnx");
        try
        {
            byte[] model = TestModels.Identity(OnnxElementType.Float32);
            string path = Path.Combine(dir, "truncated.onnx");
            File.WriteAllBytes(path, model.AsSpan(0, model.Length / 2).ToArray());
            var ex = Assert.Throws<OnnxModelException>(() => OrtSessions.Open(path));
            Assert.Contains(path, ex.Message, StringComparison.Ordinal);
            Assert.Contains("corrupt or truncated", ex.Message, StringComparison.Ordinal);
            Assert.IsType<OnnxRuntimeException>(ex.InnerException);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Open_NotAModel_NamesFile()
    {
        string dir = RepoPaths.NewTempDir("mlseg-onnx");
        try
        {
            string path = Path.Combine(dir, "notes.onnx");
            File.WriteAllText(path, "this is a text file, not a protobuf message");
            var ex = Assert.Throws<OnnxModelException>(() => OrtSessions.Open(path));
            Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Open_MissingFile_ThrowsFileNotFoundNamingIt()
    {
        string path = Path.Combine(Path.GetTempPath(), $"absent-{Guid.NewGuid():N}.onnx");
        var ex = Assert.Throws<FileNotFoundException>(() => OrtSessions.Open(path));
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_OpsetNewerThanRuntime_NamesModelAndOpset()
    {
        var proto = new OnnxGraphBuilder("future").AddInput("x", OnnxElementType.Float32, 1).AddNode("Identity", ["x"], ["y"])
            .AddOutput("y", OnnxElementType.Float32, 1).Build();
        proto.OpsetImport[0].Version = 99;
        var ex = Assert.Throws<OnnxModelException>(() => OrtSessions.Open(Google.Protobuf.MessageExtensions.ToByteArray(proto), "future.onnx"));
        Assert.Contains("future.onnx", ex.Message, StringComparison.Ordinal);
        Assert.Contains("99", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateOptions_CudaOnCpuBuild_FailsNamingTheGpuBuild()
    {
        var ex = Assert.Throws<NativeEngineException>(() => OrtSessions.CreateOptions(device: 0));
        Assert.Contains("cuda:0", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Microsoft.ML.OnnxRuntime.Gpu.Linux", ex.Message, StringComparison.Ordinal);
        Assert.Contains("make setup GPU=1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RunImage_SingleInputModel_ReturnsFirstOutput()
    {
        using SessionOptions options = OrtSessions.CreateOptions(intraOpThreads: 1);
        using InferenceSession s = OrtSessions.Open(TestModels.Identity(OnnxElementType.Float32), options: options);
        float[] x = TestModels.Random(6, 3);
        Assert.Equal(x, s.RunImage(x, [1, 2, 3]));
    }

    [Fact]
    public void RunImage_ElementCountDisagreesWithShape_Throws()
    {
        using InferenceSession s = OrtSessions.Open(TestModels.Identity(OnnxElementType.Float32));
        Assert.Throws<ArgumentException>(() => s.RunImage(new float[5], [1, 2, 3]));
    }

    public static TheoryData<string, int?> Devices => new() { { "cpu", null }, { "CPU", null }, { "cuda", 0 }, { "cuda:0", 0 }, { "cuda:3", 3 } };

    [Theory]
    [MemberData(nameof(Devices))]
    public void ParseDevice_KnownSpellings_GiveCudaIndex(string text, int? expected) => Assert.Equal(expected, OrtSessions.ParseDevice(text));

    [Theory]
    [InlineData("gpu")]
    [InlineData("cuda:")]
    [InlineData("cuda:-1")]
    [InlineData("cuda:x")]
    public void ParseDevice_OtherText_NamesIt(string text)
    {
        var ex = Assert.Throws<ArgumentException>(() => OrtSessions.ParseDevice(text));
        Assert.Contains($"'{text}'", ex.Message, StringComparison.Ordinal);
    }
}
