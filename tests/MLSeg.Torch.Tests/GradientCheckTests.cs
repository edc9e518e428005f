using MLSeg.TestKit;
using MLSeg.Torch.NN;
using static MLSeg.Torch.Tests.GradCheck;

namespace MLSeg.Torch.Tests;

/// <summary>Autograd gradients of the NN operations agree with central finite differences (float64, ε = 1e-6).</summary>
public class GradientCheckTests
{
    // Central differences at ε = 1e-6 in float64 are accurate to about 1e-9 for these smooth functions.
    private const double Tolerance = 1e-6;

    private static readonly Dictionary<string, (Func<Tensor[], Tensor> F, Input[] Inputs)> Cases = new()
    {
        ["conv2d"] = (x => Functional.Conv2d(x[0], x[1], x[2], padding: (1, 1)), [Input.Random(1, 2, 2, 5, 5), Input.Random(2, 3, 2, 3, 3), Input.Random(3, 3)]),
        ["conv2d_strided_grouped"] = (x => Functional.Conv2d(x[0], x[1], null, stride: (2, 2), groups: 2), [Input.Random(4, 1, 4, 5, 5), Input.Random(5, 2, 2, 3, 3)]),
        ["conv_transpose2d"] = (x => Functional.ConvTranspose2d(x[0], x[1], x[2], stride: (2, 2), padding: (1, 1), outputPadding: (1, 1)),
            [Input.Random(6, 1, 2, 3, 3), Input.Random(7, 2, 3, 3, 3), Input.Random(8, 3)]),
        ["batch_norm_train"] = (x => Functional.BatchNorm(x[0], null, null, x[1], x[2], training: true), [Input.Random(9, 3, 2, 2, 2), Input.Random(10, 2), Input.Random(11, 2)]),
        ["group_norm"] = (x => Functional.GroupNorm(x[0], 2, x[1], x[2]), [Input.Random(12, 2, 4, 3, 3), Input.Random(13, 4), Input.Random(14, 4)]),
        ["linear"] = (x => Functional.Linear(x[0], x[1], x[2]), [Input.Random(15, 3, 4), Input.Random(16, 5, 4), Input.Random(17, 5)]),
        ["max_pool2d"] = (x => Functional.MaxPool2d(x[0], (2, 2)), [Input.Random(18, 1, 2, 4, 4)]),
        ["max_pool2d_overlapping"] = (x => Functional.MaxPool2d(x[0], (3, 3), (2, 2), (1, 1)), [Input.Random(19, 1, 1, 5, 5)]),
        ["avg_pool2d"] = (x => Functional.AvgPool2d(x[0], (3, 3), (2, 2), (1, 1), countIncludePad: false), [Input.Random(20, 1, 2, 5, 5)]),
        ["adaptive_avg_pool2d"] = (x => Functional.AdaptiveAvgPool2d(x[0], (2, 3)), [Input.Random(21, 1, 2, 5, 7)]),
        ["interpolate_bilinear"] = (x => Functional.Interpolate(x[0], (5, 7), InterpolationMode.Bilinear), [Input.Random(22, 1, 2, 3, 4)]),
        ["interpolate_bilinear_aligned"] = (x => Functional.Interpolate(x[0], (7, 5), InterpolationMode.Bilinear, alignCorners: true), [Input.Random(23, 1, 1, 3, 4)]),
        ["softmax"] = (x => x[0].Softmax(1), [Input.Random(24, 3, 4)]),
        ["log_softmax"] = (x => x[0].LogSoftmax(1), [Input.Random(25, 3, 4)]),
        ["cross_entropy_weighted_ignore"] = (x => Functional.CrossEntropy(x[0], x[1], x[2], ignoreIndex: 255),
            [Input.Random(26, 2, 3, 2, 2), Input.Labels([0, 2, 255, 1, 1, 1, 0, 255], 2, 2, 2), Input.Constant([0.2, 1.0, 3.0], 3)]),
        ["cross_entropy_label_smoothing"] = (x => Functional.CrossEntropy(x[0], x[1], labelSmoothing: 0.1), [Input.Random(27, 4, 3), Input.Labels([0, 2, 1, 2], 4)]),
        ["bce_with_logits"] = (x => Functional.BinaryCrossEntropyWithLogits(x[0], x[1], posWeight: x[2]),
            [Input.Random(28, 2, 3), Input.Constant([0, 1, 0.3, 1, 0, 0.8], 2, 3), Input.Constant([2.0, 0.5, 1.0], 3)]),
        ["mse"] = (x => Functional.MseLoss(x[0], x[1]), [Input.Random(29, 2, 3), Input.Random(30, 2, 3)]),
        ["soft_dice"] = (x => Functional.SoftDiceLoss(x[0], x[1]), [Input.Random(31, 2, 3, 3, 3), Input.Labels([.. Enumerable.Range(0, 18).Select(i => (long)(i * 7 % 3))], 2, 3, 3)]),
        ["relu"] = (x => x[0].Relu(), [Input.Random(32, 12)]),
        ["leaky_relu"] = (x => x[0].LeakyRelu(0.2), [Input.Random(33, 12)]),
        ["gelu"] = (x => x[0].Gelu(), [Input.Random(34, 12)]),
        ["sigmoid"] = (x => x[0].Sigmoid(), [Input.Random(35, 12)]),
        ["tanh"] = (x => x[0].Tanh(), [Input.Random(36, 12)]),
    };

    public static TheoryData<string> Ops => new(Cases.Keys);

    [NativeTheory]
    [MemberData(nameof(Ops))]
    public void Gradient_MatchesCentralDifferences(string op)
    {
        var (f, inputs) = Cases[op];
        Check(op, f, Tolerance, inputs);
    }
}
