using MLSeg.Onnx.Writer;
using MLSeg.TestKit;

namespace MLSeg.Onnx.Tests;

public class OnnxGraphBuilderTests
{
    private const string CheckScript = "import onnx, sys\nm = onnx.load(sys.argv[1])\nonnx.checker.check_model(m, full_check=True)\n" +
                                       "print(m.ir_version, m.opset_import[0].version, len(m.graph.node), dict((p.key, p.value) for p in m.metadata_props))";

    [ToolFact("py:onnx")]
    public void Save_ConvStack_PassesOnnxFullCheck()
    {
        foreach (int opset in new[] { 13, 17 })
        {
            string output = CheckWithOnnx(new ConvStackGraph(16, 16, 24, 24).Build(opset));
            Assert.Equal($"8 {opset} 9 {{'mlseg.test': 'conv_stack'}}", output.Trim());
        }
    }

    [ToolFact("py:onnx")]
    public void Save_EveryOpHelper_PassesOnnxFullCheck()
    {
        var b = new OnnxGraphBuilder("all_ops");
        b.AddInput("x", OnnxElementType.Float32, "batch", 4, 8, 8);
        b.AddInitializer("gamma", TestModels.Random(4, 1), 4).AddInitializer("beta", TestModels.Random(4, 2), 4);
        b.AddInitializer("fc.w", TestModels.Random(5 * 4, 3), 5, 4).AddInitializer("fc.b", TestModels.Random(5, 4), 5);
        string g = b.GroupNormalization("x", 2, 4, "gamma", "beta");
        string a = b.AveragePool(b.LeakyRelu(g, 0.2f), (2, 2));
        string padded = b.Pad(b.Sigmoid(a), (1, 1, 1, 1), "reflect");
        string near = b.Resize(padded, 1, 4, (12, 12), OnnxResizeMode.Nearest);
        string m = b.Mul(b.Add(near, near), near);
        string pooled = b.Flatten(b.GlobalAveragePool(m));
        string fc = b.Gemm(pooled, "fc.w", "fc.b");
        b.Identity(fc, "logits");
        b.AddOutput("logits", OnnxElementType.Float32, "batch", 5);
        Assert.StartsWith("8 17", CheckWithOnnx(b), StringComparison.Ordinal);
    }

    [NativeFact]
    public void Run_ConvStack_MatchesTorchFunctional()
    {
        var graph = new ConvStackGraph(16, 20, 24, 30);
        float[] image = TestModels.Random(16 * 20, 7);
        using var session = OrtSessions.Open(graph.Build().ToBytes());
        float[] ort = session.RunImage(image, [1, 1, 16, 20]);
        float[] torch = graph.RunTorch(image);
        Assert.True(TestModels.MaxAbsDiff(ort, torch) <= 1e-4, $"max |ORT − Torch| = {TestModels.MaxAbsDiff(ort, torch)}");
    }

    [Fact]
    public void AddInitializer_DuplicateName_Throws()
    {
        var b = new OnnxGraphBuilder().AddInitializer("w", new float[] { 1 }, 1);
        Assert.Throws<ArgumentException>(() => b.AddInitializer("w", new float[] { 2 }, 1));
    }

    [Fact]
    public void AddInitializer_ShapeDisagreesWithData_Throws() =>
        Assert.Throws<ArgumentException>(() => new OnnxGraphBuilder().AddInitializer("w", new float[6], 2, 2));

    [Theory]
    [InlineData(12)]
    [InlineData(18)]
    public void Constructor_OpsetOutsideRange_Throws(int opset) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new OnnxGraphBuilder(opset: opset));

    [Fact]
    public void Build_NoOutputs_Throws() =>
        Assert.Throws<InvalidOperationException>(() => new OnnxGraphBuilder().AddInput("x", OnnxElementType.Float32, 1).Build());

    private static string CheckWithOnnx(OnnxGraphBuilder builder)
    {
        string dir = RepoPaths.NewTempDir("mlseg-onnx");
        try
        {
            string path = Path.Combine(dir, "model.onnx");
            builder.Save(path);
            return ExternalTools.Run(ExternalTools.Python, ["-c", CheckScript, path]);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
