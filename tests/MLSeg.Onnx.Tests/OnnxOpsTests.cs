using MLSeg.TestKit;
using MLSeg.Onnx.Writer;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace MLSeg.Onnx.Tests;

/// <summary>Each operator helper, run through ONNX Runtime, against the same operation in TorchSharp's functional API (tolerance 1e-5).</summary>
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

    [NativeTheory]
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
        using var scope = torch.NewDisposeScope();
        Tensor x = torch.tensor(Input, [N, C, H, W]);
        Tensor y = op switch
        {
            "resize-nearest" => F.interpolate(x, [13, 7], mode: InterpolationMode.Nearest),
            "resize-bilinear" => F.interpolate(x, [13, 7], mode: InterpolationMode.Bilinear, align_corners: false),
            "resize-align-corners" => F.interpolate(x, [13, 23], mode: InterpolationMode.Bilinear, align_corners: true),
            "group-norm" => F.group_norm(x, 2, torch.tensor(Gamma), torch.tensor(Beta)),
            // pad's order is PyTorch's: (left, right, top, bottom).
            "pad-constant" => F.pad(x, [1, 2, 3, 0]),
            "pad-reflect" => F.pad(x, [1, 2, 3, 0], PaddingModes.Reflect),
            "pad-edge" => F.pad(x, [1, 2, 3, 0], PaddingModes.Replicate),
            "leaky-relu" => F.leaky_relu(x, 0.2),
            "sigmoid" => x.sigmoid(),
            "avg-pool" => F.avg_pool2d(x, [3, 3], [2, 2], [1, 1]),
            "global-avg-pool" => F.adaptive_avg_pool2d(x, [1, 1]),
            _ => F.linear(torch.tensor(Input, [N, C * H * W]), torch.tensor(TestModels.Random(3 * C * H * W, 7), [3, C * H * W]),
                torch.tensor(TestModels.Random(3, 8))),
        };
        return y.data<float>().ToArray();
    }
}
