using System.Text.Json;
using MLSeg.TestKit;
using MLSeg.Torch.NN;

namespace MLSeg.Torch.Tests;

/// <summary>
/// MLSeg's NN ops on fixed float32 inputs against PyTorch's outputs stored in References/parity.json (written by
/// References/make_parity.py with Debian's python3-torch).
/// </summary>
public sealed class ParityTests
{
    // float32 kernels may differ from PyTorch's in summation order; 1e-5 relative to max(1, |expected|) allows that.
    private const double Tolerance = 1e-5;

    private static readonly Lazy<JsonDocument> Reference = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "tests", "MLSeg.Torch.Tests", "References", "parity.json"))));

    private static readonly Dictionary<string, Func<Func<string, Tensor>, Dictionary<string, Tensor>>> Ops = new()
    {
        ["conv2d"] = i => Y(Functional.Conv2d(i("x"), i("w"), i("b"), stride: (2, 2), padding: (1, 1))),
        ["conv2d_dilated_grouped"] = i => Y(Functional.Conv2d(i("x"), i("w"), null, padding: (2, 2), dilation: (2, 2), groups: 2)),
        ["conv_transpose2d"] = i => Y(Functional.ConvTranspose2d(i("x"), i("w"), i("b"), stride: (2, 2), padding: (1, 1), outputPadding: (1, 1))),
        ["batch_norm_train"] = i =>
        {
            Tensor rm = i("running_mean");
            Tensor rv = i("running_var");
            Tensor y = Functional.BatchNorm(i("x"), rm, rv, i("weight"), i("bias"), training: true, momentum: 0.1, eps: 1e-5);
            return new() { ["y"] = y, ["running_mean"] = rm, ["running_var"] = rv };
        },
        ["batch_norm_eval"] = i => Y(Functional.BatchNorm(i("x"), i("running_mean"), i("running_var"), i("weight"), i("bias"), training: false, eps: 1e-5)),
        ["group_norm"] = i => Y(Functional.GroupNorm(i("x"), 2, i("weight"), i("bias"), 1e-5)),
        ["max_pool2d"] = i => Y(Functional.MaxPool2d(i("x"), (3, 3), (2, 2), (1, 1))),
        ["max_pool2d_ceil"] = i => Y(Functional.MaxPool2d(i("x"), (2, 2), (2, 2), ceilMode: true)),
        ["avg_pool2d"] = i => Y(Functional.AvgPool2d(i("x"), (3, 3), (2, 2), (1, 1), countIncludePad: false)),
        ["adaptive_avg_pool2d"] = i => Y(Functional.AdaptiveAvgPool2d(i("x"), (4, 3))),
        ["interpolate_nearest"] = i => Y(Functional.Interpolate(i("x"), (11, 8), InterpolationMode.Nearest)),
        ["interpolate_bilinear"] = i => Y(Functional.Interpolate(i("x"), (11, 8), InterpolationMode.Bilinear)),
        ["interpolate_bilinear_aligned"] = i => Y(Functional.Interpolate(i("x"), (9, 13), InterpolationMode.Bilinear, alignCorners: true)),
        ["softmax"] = i => Y(i("x").Softmax(1)),
        ["log_softmax"] = i => Y(i("x").LogSoftmax(1)),
        ["cross_entropy"] = i => new()
        {
            ["mean"] = Functional.CrossEntropy(i("x"), i("target"), i("weight"), ignoreIndex: 255),
            ["none"] = Functional.CrossEntropy(i("x"), i("target"), i("weight"), Reduction.None, ignoreIndex: 255),
            ["smoothed"] = Functional.CrossEntropy(i("x"), i("target"), ignoreIndex: 255, labelSmoothing: 0.1),
        },
        ["bce_with_logits"] = i => Y(Functional.BinaryCrossEntropyWithLogits(i("x"), i("target"), posWeight: i("pos_weight"))),
        ["mse"] = i => Y(Functional.MseLoss(i("x"), i("target"))),
    };

    public static TheoryData<string> Cases => new(Ops.Keys);

    [NativeFact]
    public void ReferenceFile_CoversEveryOp()
    {
        var stored = Reference.Value.RootElement.GetProperty("cases").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal);
        Assert.Equal(stored, Ops.Keys.Order(StringComparer.Ordinal));
    }

    [NativeTheory]
    [MemberData(nameof(Cases))]
    public void Op_FixedInputs_MatchesPyTorch(string name)
    {
        using var scope = Torch.NewDisposeScope();
        JsonElement c = Reference.Value.RootElement.GetProperty("cases").GetProperty(name);
        JsonElement inputs = c.GetProperty("inputs");
        var outputs = Ops[name](key => Load(inputs.GetProperty(key)));
        var expected = c.GetProperty("outputs").EnumerateObject().ToList();
        Assert.Equal(expected.Select(e => e.Name).Order(StringComparer.Ordinal), outputs.Keys.Order(StringComparer.Ordinal));
        foreach (JsonProperty e in expected)
        {
            Tensor actual = outputs[e.Name];
            long[] shape = e.Value.GetProperty("shape").EnumerateArray().Select(s => s.GetInt64()).ToArray();
            Assert.Equal(shape, actual.Shape);
            double[] want = e.Value.GetProperty("data").EnumerateArray().Select(v => v.GetDouble()).ToArray();
            double[] got = actual.To(ScalarType.Float64).ToArray<double>();
            for (int k = 0; k < want.Length; k++)
            {
                Assert.True(Math.Abs(want[k] - got[k]) <= Tolerance * Math.Max(1, Math.Abs(want[k])), $"{name}.{e.Name}[{k}]: PyTorch {want[k]:R}, MLSeg {got[k]:R}");
            }
        }
    }

    private static Dictionary<string, Tensor> Y(Tensor y) => new() { ["y"] = y };

    private static Tensor Load(JsonElement t)
    {
        long[] shape = t.GetProperty("shape").EnumerateArray().Select(s => s.GetInt64()).ToArray();
        var data = t.GetProperty("data").EnumerateArray();
        return t.GetProperty("dtype").GetString() switch
        {
            "float32" => Torch.FromArray(data.Select(v => (float)v.GetDouble()).ToArray(), shape),
            "int64" => Torch.FromArray(data.Select(v => v.GetInt64()).ToArray(), shape),
            var other => throw new InvalidDataException($"parity.json: unsupported dtype {other}"),
        };
    }
}
