using MLSeg.Core.Errors;
using MLSeg.Onnx.Writer;
using MLSeg.TestKit;

namespace MLSeg.Onnx.Tests;

public class OnnxSessionTests
{
    [OrtFact]
    public void Runtime_PinnedBuild_IsCpuWithApi22()
    {
        Assert.Contains("CPUExecutionProvider", OnnxSession.AvailableProviders);
        if (Environment.GetEnvironmentVariable("MLSEG_ORT_LIB") is null)
        {
            Assert.Equal("1.22.0", OnnxSession.RuntimeVersion);
        }
    }

    [OrtFact]
    public void FromBytes_IdentityModel_ReportsNamesTypesAndSymbolicDims()
    {
        using var s = OnnxSession.FromBytes(TestModels.Identity(OnnxElementType.Float32));
        Assert.Equal(["x"], s.InputNames);
        Assert.Equal(["y"], s.OutputNames);
        OnnxValueInfo x = s.Inputs[0];
        Assert.Equal(OnnxElementType.Float32, x.ElementType);
        Assert.Equal([-1L, 2, 3], x.Shape);
        Assert.Equal(["batch", "", ""], x.SymbolicDims);
        Assert.Equal("x: float[batch, 2, 3]", x.Describe());
        Assert.Equal("CPUExecutionProvider", s.ExecutionProvider);
    }

    public static TheoryData<OnnxElementType> ElementTypes => new()
    {
        OnnxElementType.Float32, OnnxElementType.Int64, OnnxElementType.UInt8, OnnxElementType.Bool, OnnxElementType.Float16,
    };

    [OrtTheory]
    [MemberData(nameof(ElementTypes))]
    public void Run_Identity_RoundTripsElementsAndShape(OnnxElementType type)
    {
        using var s = OnnxSession.FromBytes(TestModels.Identity(type));
        long[] shape = [2, 2, 3];
        OnnxTensor input = type switch
        {
            OnnxElementType.Float32 => OnnxTensor.FromArray(TestModels.Random(12, 1), shape),
            OnnxElementType.Int64 => OnnxTensor.FromArray(Enumerable.Range(0, 12).Select(i => (long)i * 1_000_000_007L - 5).ToArray(), shape),
            OnnxElementType.UInt8 => OnnxTensor.FromArray(Enumerable.Range(0, 12).Select(i => (byte)(i * 21)).ToArray(), shape),
            OnnxElementType.Bool => OnnxTensor.FromArray(Enumerable.Range(0, 12).Select(i => i % 3 == 0).ToArray(), shape),
            _ => OnnxTensor.FromArray(TestModels.Random(12, 2).Select(f => (Half)f).ToArray(), shape),
        };

        OnnxTensor output = s.Run(new Dictionary<string, OnnxTensor> { ["x"] = input })["y"];

        Assert.Equal(type, output.ElementType);
        Assert.Equal(shape, output.Shape);
        Assert.Equal(input.Bytes, output.Bytes);
    }

    [OrtFact]
    public void Run_MissingInput_NamesModelAndListsInputs()
    {
        using var s = OnnxSession.FromBytes(TestModels.Identity(OnnxElementType.Float32), name: "identity.onnx");
        var ex = Assert.Throws<OnnxModelException>(() => s.Run(new Dictionary<string, OnnxTensor>()));
        Assert.Contains("identity.onnx", ex.Message, StringComparison.Ordinal);
        Assert.Contains("x: float[batch, 2, 3]", ex.Message, StringComparison.Ordinal);
    }

    [OrtFact]
    public void Run_UnknownInputName_NamesItAndListsInputs()
    {
        using var s = OnnxSession.FromBytes(TestModels.Identity(OnnxElementType.Float32), name: "identity.onnx");
        var input = new Dictionary<string, OnnxTensor> { ["image"] = OnnxTensor.FromArray(new float[6], 1, 2, 3) };
        var ex = Assert.Throws<OnnxModelException>(() => s.Run(input));
        Assert.Contains("no input 'image'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("x: float[batch, 2, 3]", ex.Message, StringComparison.Ordinal);
    }

    [OrtFact]
    public void Run_WrongShape_SaysExpectedAndGiven()
    {
        using var s = OnnxSession.FromBytes(TestModels.Identity(OnnxElementType.Float32), name: "identity.onnx");
        var input = new Dictionary<string, OnnxTensor> { ["x"] = OnnxTensor.FromArray(new float[8], 1, 2, 4) };
        var ex = Assert.Throws<OnnxModelException>(() => s.Run(input));
        Assert.Contains("expects shape x: float[batch, 2, 3]", ex.Message, StringComparison.Ordinal);
        Assert.Contains("float[1, 2, 4]", ex.Message, StringComparison.Ordinal);
    }

    [OrtFact]
    public void Run_WrongElementType_SaysExpectedAndGiven()
    {
        using var s = OnnxSession.FromBytes(TestModels.Identity(OnnxElementType.Float32), name: "identity.onnx");
        var input = new Dictionary<string, OnnxTensor> { ["x"] = OnnxTensor.FromArray(new long[6], 1, 2, 3) };
        var ex = Assert.Throws<OnnxModelException>(() => s.Run(input));
        Assert.Contains("int64[1, 2, 3]", ex.Message, StringComparison.Ordinal);
        Assert.Contains("float[batch, 2, 3]", ex.Message, StringComparison.Ordinal);
    }

    [OrtFact]
    public void Run_UnknownOutput_ListsOutputs()
    {
        using var s = OnnxSession.FromBytes(TestModels.Identity(OnnxElementType.Float32));
        var input = new Dictionary<string, OnnxTensor> { ["x"] = OnnxTensor.FromArray(new float[6], 1, 2, 3) };
        var ex = Assert.Throws<OnnxModelException>(() => s.Run(input, ["probabilities"]));
        Assert.Contains("y: float[batch, 2, 3]", ex.Message, StringComparison.Ordinal);
    }

    [OrtFact]
    public void Open_TruncatedFile_NamesFileAndRuntimeError()
    {
        string dir = RepoPaths.NewTempDir("mlseg-onnx");
        try
        {
            byte[] model = TestModels.Identity(OnnxElementType.Float32);
            string path = Path.Combine(dir, "truncated.onnx");
            File.WriteAllBytes(path, model.AsSpan(0, model.Length / 2).ToArray());
            var ex = Assert.Throws<OnnxModelException>(() => OnnxSession.Open(path));
            Assert.Contains(path, ex.Message, StringComparison.Ordinal);
            Assert.IsType<NativeEngineException>(ex.InnerException);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [OrtFact]
    public void Open_NotAModel_Throws()
    {
        string dir = RepoPaths.NewTempDir("mlseg-onnx");
        try
        {
            string path = Path.Combine(dir, "notes.onnx");
            File.WriteAllText(path, "this is a text file, not a protobuf message");
            var ex = Assert.Throws<OnnxModelException>(() => OnnxSession.Open(path));
            Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Open_MissingFile_ThrowsFileNotFound() =>
        Assert.Throws<FileNotFoundException>(() => OnnxSession.Open(Path.Combine(Path.GetTempPath(), $"absent-{Guid.NewGuid():N}.onnx")));

    [OrtFact]
    public void FromBytes_OpsetNewerThanRuntime_NamesModelAndOpset()
    {
        var proto = new OnnxGraphBuilder("future").AddInput("x", OnnxElementType.Float32, 1).AddNode("Identity", ["x"], ["y"])
            .AddOutput("y", OnnxElementType.Float32, 1).Build();
        proto.OpsetImport[0].Version = 99;
        var ex = Assert.Throws<OnnxModelException>(() => OnnxSession.FromBytes(Google.Protobuf.MessageExtensions.ToByteArray(proto), name: "future.onnx"));
        Assert.Contains("future.onnx", ex.Message, StringComparison.Ordinal);
        Assert.Contains("99", ex.Message, StringComparison.Ordinal);
    }

    [OrtFact]
    public void FromBytes_GpuOnCpuBuild_FailsClearlyOrFallsBackWhenAsked()
    {
        if (OnnxSession.AvailableProviders.Contains("CUDAExecutionProvider"))
        {
            return; // a CUDA build is loaded (MLSEG_ORT_LIB): the no-CUDA error path cannot occur with it
        }

        byte[] model = TestModels.Identity(OnnxElementType.Float32);
        var ex = Assert.Throws<NativeEngineException>(() => OnnxSession.FromBytes(model, new OnnxSessionOptions { GpuDeviceId = 0 }));
        Assert.Contains("MLSEG_ORT_LIB", ex.Message, StringComparison.Ordinal);
        Assert.Contains("FallbackToCpu", ex.Message, StringComparison.Ordinal);

        using var s = OnnxSession.FromBytes(model, new OnnxSessionOptions { GpuDeviceId = 0, FallbackToCpu = true });
        Assert.Equal("CPUExecutionProvider", s.ExecutionProvider);
        Assert.Contains("no CUDA execution provider", s.FallbackReason, StringComparison.Ordinal);
    }

    [OrtFact]
    public void RunImage_SingleInputModel_ReturnsFirstOutput()
    {
        using var s = OnnxSession.FromBytes(TestModels.Identity(OnnxElementType.Float32), new OnnxSessionOptions { IntraOpThreads = 1 });
        float[] x = TestModels.Random(6, 3);
        Assert.Equal(x, s.RunImage(x, [1, 2, 3]));
    }
}
