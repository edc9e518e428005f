using MLSeg.Onnx.Writer;
using MLSeg.Torch;
using MLSeg.Torch.NN;

namespace MLSeg.Onnx.Tests;

/// <summary>Each operator helper, run through ONNX Runtime, against the same operation in MLSeg.Torch (tolerance 1e-5).</summary>
public class OnnxOpsTests
{
    private const int N = 2;
    private const int C = 4;
    private const int H = 6;
    private const int W = 10;
    private static readonly float[] Input = TestModels.Random(N * C * H * W, 99);
    private static readonly float[] Gamma = TestModels.Random(C, 5);
    private static readonly float[] Beta = TestModels.Random(C, 6);

    public static TheoryData<string> Cases => new()
    {
        "resize-nearest", "resize-bilinear", "resize-align-corners", "group-norm", "pad-constant", "pad-reflect", "pad-edge",
        "leaky-relu", "sigmoid", "avg-pool", "global-avg-pool", "gemm",
    };

    [TorchTheory]
    [MemberData(nameof(Cases))]
    public void Op_MatchesTorch(string op)
    {
        var b = new OnnxGraphBuilder(op);
        b.AddInput("x", OnnxElementType.Float32, N, C, H, W);
        b.AddInitializer("gamma", Gamma, C).AddInitializer("beta", Beta, C);
        b.AddInitializer("fc.w", TestModels.Random(3 * C * H * W, 7), 3, C * H * W).AddInitializer("fc.b", TestModels.Random(3, 8), 3);
        string y = op switch
        {
            "resize-nearest" => b.Resize("x", N, C, (13, 7), OnnxResizeMode.Nearest),
            "resize-bilinear" => b.Resize("x", N, C, (13, 7), OnnxResizeMode.LinearHalfPixel),
            "resize-align-corners" => b.Resize("x", N, C, (13, 23), OnnxResizeMode.LinearAlignCorners),
            "group-norm" => b.GroupNormalization("x", 2, C, "gamma", "beta"),
            "pad-constant" => b.Pad("x", (1, 2, 3, 0)),
            "pad-reflect" => b.Pad("x", (1, 2, 3, 0), "reflect"),
            "pad-edge" => b.Pad("x", (1, 2, 3, 0), "edge"),
            "leaky-relu" => b.LeakyRelu("x", 0.2f),
            "sigmoid" => b.Sigmoid("x"),
            "avg-pool" => b.AveragePool("x", (3, 3), (2, 2), (1, 1)),
            "global-avg-pool" => b.GlobalAveragePool("x"),
            _ => b.Gemm(b.Flatten("x"), "fc.w", "fc.b"),
        };
        b.Identity(y, "y");
        // Gemm's output is 2-D, every other case's 4-D.
        OnnxDim[] dims = op == "gemm" ? ["n", "k"] : ["n", "c", "h", "w"];
        b.AddOutput("y", OnnxElementType.Float32, dims);

        using var session = OrtSessions.Open(b.ToBytes(), op);
        float[] ort = session.RunImage(Input, [N, C, H, W]);
        float[] torch = RunTorch(op);
        Assert.True(TestModels.MaxAbsDiff(ort, torch) <= 1e-5, $"{op}: max |ORT − Torch| = {TestModels.MaxAbsDiff(ort, torch)}");
    }

    private static float[] RunTorch(string op)
    {
        using var scope = Torch.Torch.NewDisposeScope();
        Tensor x = Torch.Torch.FromArray(Input, N, C, H, W);
        Tensor y = op switch
        {
            "resize-nearest" => Functional.Interpolate(x, (13, 7), InterpolationMode.Nearest),
            "resize-bilinear" => Functional.Interpolate(x, (13, 7), InterpolationMode.Bilinear, alignCorners: false),
            "resize-align-corners" => Functional.Interpolate(x, (13, 23), InterpolationMode.Bilinear, alignCorners: true),
            "group-norm" => Functional.GroupNorm(x, 2, Torch.Torch.FromArray(Gamma, C), Torch.Torch.FromArray(Beta, C)),
            "pad-constant" => Functional.Pad(x, (1, 2, 3, 0)),
            "pad-reflect" => Functional.Pad(x, (1, 2, 3, 0), PaddingMode.Reflect),
            "pad-edge" => Functional.Pad(x, (1, 2, 3, 0), PaddingMode.Replicate),
            "leaky-relu" => x.LeakyRelu(0.2),
            "sigmoid" => x.Sigmoid(),
            "avg-pool" => Functional.AvgPool2d(x, (3, 3), (2, 2), (1, 1)),
            "global-avg-pool" => Functional.AdaptiveAvgPool2d(x, (1, 1)),
            _ => Functional.Linear(Torch.Torch.FromArray(Input, N, C * H * W),
                Torch.Torch.FromArray(TestModels.Random(3 * C * H * W, 7), 3, C * H * W), Torch.Torch.FromArray(TestModels.Random(3, 8), 3)),
        };
        return y.ToArray<float>();
    }
}
