using MLSeg.Onnx.Writer;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace MLSeg.Onnx.Tests;

/// <summary>
/// The test graph conv→bn→relu→maxpool→convtranspose→concat→conv1×1→resize(bilinear)→softmax with seeded random
/// weights, built twice: as ONNX with the writer, and as the same computation with TorchSharp's functional ops.
/// </summary>
internal sealed class ConvStackGraph
{
    private const int Features = 8;
    private const int Classes = 3;
    private readonly float[] convW = TestModels.Random(Features * 1 * 3 * 3, 11);
    private readonly float[] convB = TestModels.Random(Features, 12);
    private readonly float[] bnScale = TestModels.Random(Features, 13).Select(v => 1 + (0.5f * v)).ToArray();
    private readonly float[] bnBias = TestModels.Random(Features, 14);
    private readonly float[] bnMean = TestModels.Random(Features, 15).Select(v => 0.1f * v).ToArray();
    private readonly float[] bnVar = TestModels.Random(Features, 16).Select(v => 1 + (0.5f * v)).ToArray();
    private readonly float[] upW = TestModels.Random(Features * Features * 2 * 2, 17);
    private readonly float[] upB = TestModels.Random(Features, 18);
    private readonly float[] headW = TestModels.Random(Classes * 2 * Features, 19);
    private readonly float[] headB = TestModels.Random(Classes, 20);

    /// <param name="height">Input height (even).</param>
    /// <param name="width">Input width (even).</param>
    /// <param name="outHeight">Height after the final resize.</param>
    /// <param name="outWidth">Width after the final resize.</param>
    public ConvStackGraph(int height, int width, int outHeight, int outWidth) => (H, W, OutH, OutW) = (height, width, outHeight, outWidth);

    public int H { get; }

    public int W { get; }

    public int OutH { get; }

    public int OutW { get; }

    public OnnxGraphBuilder Build(int opset = 17)
    {
        var b = new OnnxGraphBuilder("conv_stack", opset);
        b.AddInput("image", OnnxElementType.Float32, 1, 1, H, W);
        b.AddInitializer("conv.w", convW, Features, 1, 3, 3).AddInitializer("conv.b", convB, Features);
        b.AddInitializer("bn.scale", bnScale, Features).AddInitializer("bn.bias", bnBias, Features);
        b.AddInitializer("bn.mean", bnMean, Features).AddInitializer("bn.var", bnVar, Features);
        b.AddInitializer("up.w", upW, Features, Features, 2, 2).AddInitializer("up.b", upB, Features);
        b.AddInitializer("head.w", headW, Classes, 2 * Features, 1, 1).AddInitializer("head.b", headB, Classes);

        string c = b.Conv("image", "conv.w", "conv.b", padding: (1, 1));
        string r = b.Relu(b.BatchNormalization(c, "bn.scale", "bn.bias", "bn.mean", "bn.var"));
        string p = b.MaxPool(r, (2, 2));
        string u = b.ConvTranspose(p, "up.w", "up.b", strides: (2, 2));
        string cat = b.Concat([r, u], axis: 1);
        string head = b.Conv(cat, "head.w", "head.b");
        string resized = b.Resize(head, 1, Classes, (OutH, OutW), OnnxResizeMode.LinearHalfPixel);
        b.Softmax(resized, axis: 1, output: "probabilities");
        b.AddOutput("probabilities", OnnxElementType.Float32, 1, Classes, OutH, OutW);
        b.AddMetadata("mlseg.test", "conv_stack");
        return b;
    }

    public float[] RunTorch(float[] image)
    {
        using var scope = torch.NewDisposeScope();
        using var _ = torch.no_grad();
        Tensor x = T(image, 1, 1, H, W);
        Tensor c = F.conv2d(x, T(convW, Features, 1, 3, 3), T(convB, Features), padding: [1, 1]);
        Tensor r = F.batch_norm(c, T(bnMean, Features), T(bnVar, Features), T(bnScale, Features), T(bnBias, Features)).relu();
        Tensor p = F.max_pool2d(r, [2, 2]);
        Tensor u = F.conv_transpose2d(p, T(upW, Features, Features, 2, 2), T(upB, Features), strides: [2, 2]);
        Tensor cat = torch.cat([r, u], 1);
        Tensor head = F.conv2d(cat, T(headW, Classes, 2 * Features, 1, 1), T(headB, Classes));
        Tensor resized = F.interpolate(head, [OutH, OutW], mode: InterpolationMode.Bilinear, align_corners: false);
        return resized.softmax(1).data<float>().ToArray();
    }

    private static Tensor T(float[] data, params long[] shape) => torch.tensor(data, shape);
}
