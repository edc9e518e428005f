using System.Globalization;
using System.Text.Json;
using MLSeg.Models.Engine;
using MLSeg.Models.Engine.Serialization;
using MLSeg.TestKit;
using MLSeg.Training.FineTuning;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLSeg.Training.Tests;

/// <summary>
/// <see cref="FlatAdam"/>: float32 steps over several parameters, a channels-last weight, a frozen and a late-unfrozen
/// parameter against Debian's PyTorch 1.13; the flat layout; optimizer state files in the layout TorchSharp's Adam wrote.
/// </summary>
public class FlatAdamTests
{
    private const int Steps = 24;
    private const int UnfreezeAt = 10;

    // Parameter i of the test: shape, group, initial values and per-step gradients are pure functions of (i, step).
    private static readonly long[][] Shapes = [[4, 3, 3, 3], [4], [5], [6], [2, 4, 1, 1], [2]];
    private static readonly int[] GroupOf = [0, 0, 0, 0, 1, 1];
    private const int AlwaysFrozen = 2;
    private const int LateUnfrozen = 3;

    private const string Script = """
        import json, math, sys, torch
        shapes = json.loads(sys.argv[1]); groups = json.loads(sys.argv[2]); steps = int(sys.argv[3]); unfreeze = int(sys.argv[4])
        def values(i, n, step, phase):
            return torch.tensor([math.sin(0.37 * k + 1.1 * i + 0.9 * step + phase) * (1 + 0.05 * k) for k in range(n)], dtype=torch.float64).float()
        out = {}
        for name in ["Adam", "AdamW"]:
            ps = [values(i, math.prod(s), 0, 0.3).reshape(s).requires_grad_() for i, s in enumerate(shapes)]
            ps[2].requires_grad_(False); ps[3].requires_grad_(False)
            make = torch.optim.Adam if name == "Adam" else torch.optim.AdamW
            opt = make([{"params": [p for p, g in zip(ps, groups) if g == 0], "lr": 1e-2},
                        {"params": [p for p, g in zip(ps, groups) if g == 1], "lr": 3e-2}], weight_decay=0.02)
            for k in range(steps):
                if k == unfreeze:
                    ps[3].requires_grad_(True)
                opt.zero_grad()
                sum((p * values(i, p.numel(), k + 1, 0.0).reshape(p.shape)).sum() for i, p in enumerate(ps) if p.requires_grad).backward()
                opt.step()
            out[name] = [p.detach().flatten().tolist() for p in ps]
        print(json.dumps(out))
        """;

    private static float[] Values(int i, long n, int step, double phase) =>
        Enumerable.Range(0, (int)n).Select(k => (float)(Math.Sin((0.37 * k) + (1.1 * i) + (0.9 * step) + phase) * (1 + (0.05 * k)))).ToArray();

    [ToolFact("py:torch")]
    public void Float32Steps_DiscriminativeRatesDecayFrozenAndChannelsLast_MatchPyTorch()
    {
        string shapes = JsonSerializer.Serialize(Shapes);
        string groups = JsonSerializer.Serialize(GroupOf);
        using var doc = JsonDocument.Parse(ExternalTools.RunPython(Script, shapes, groups,
            Steps.ToString(CultureInfo.InvariantCulture), UnfreezeAt.ToString(CultureInfo.InvariantCulture)));
        foreach (OptimizerKind kind in new[] { OptimizerKind.Adam, OptimizerKind.AdamW })
        {
            Parameter[] ps = Initial();
            try
            {
                float[] frozen0 = ps[AlwaysFrozen].data<float>().ToArray();
                using (var opt = new FlatAdam(kind, [
                    (Enumerable.Range(0, ps.Length).Where(i => GroupOf[i] == 0).Select(i => ps[i]), 1e-2, 0.02),
                    (Enumerable.Range(0, ps.Length).Where(i => GroupOf[i] == 1).Select(i => ps[i]), 3e-2, 0.02)]))
                {
                    Assert.True(ChannelsLast.Is(ps[0]), "the channels-last weight keeps its NHWC strides in the flat buffer");
                    for (int k = 0; k < Steps; k++)
                    {
                        if (k == UnfreezeAt)
                        {
                            ps[LateUnfrozen].requires_grad = true;
                        }

                        using var scope = torch.NewDisposeScope();
                        opt.zero_grad();
                        Tensor loss = torch.zeros(1);
                        for (int i = 0; i < ps.Length; i++)
                        {
                            if (ps[i].requires_grad)
                            {
                                loss = loss.add(ps[i].mul(torch.tensor(Values(i, ps[i].numel(), k + 1, 0), ps[i].shape)).sum());
                            }
                        }

                        loss.backward();
                        opt.step();
                    }

                    Assert.True(ChannelsLast.Is(ps[0]), "still NHWC after the steps");
                    Assert.Equal(Steps, opt.Groups[0].StepOf(0));
                    Assert.Equal(0, opt.Groups[0].StepOf(AlwaysFrozen));
                    Assert.Equal(Steps - UnfreezeAt, opt.Groups[0].StepOf(LateUnfrozen));
                }

                Assert.Equal(frozen0, ps[AlwaysFrozen].data<float>().ToArray()); // a frozen parameter is untouched, bit for bit
                JsonElement expected = doc.RootElement.GetProperty(kind.ToString());
                for (int i = 0; i < ps.Length; i++)
                {
                    using Tensor flat = ps[i].contiguous().flatten();
                    float[] actual = flat.data<float>().ToArray();
                    double[] want = expected[i].EnumerateArray().Select(e => e.GetDouble()).ToArray();
                    Assert.Equal(want.Length, actual.Length);
                    for (int k = 0; k < want.Length; k++)
                    {
                        Assert.True(Math.Abs(want[k] - actual[k]) <= 1e-6 * Math.Max(1, Math.Abs(want[k])),
                            $"{kind} parameter {i}[{k}]: PyTorch {want[k]}, MLSeg {actual[k]}");
                    }
                }
            }
            finally
            {
                foreach (Parameter p in ps)
                {
                    p.Dispose();
                }
            }
        }
    }

    [NativeFact]
    public void Construction_ParametersAndGradientsBecomeViewsOfOneBufferPerGroup()
    {
        using var a = new Parameter(torch.ones(2, 3));
        using var b = new Parameter(torch.full(4, 2.0f));
        using var c = new Parameter(torch.full(3, 5.0f));
        using var opt = new FlatAdam(OptimizerKind.Adam, [([a, b], 0.1, 0), ([c], 0.1, 0)]);
        using (torch.no_grad())
        {
            // Writing through the group's buffer is seen by both parameters: they share its storage.
            using var scope = torch.NewDisposeScope();
            FlatBucket bucket = opt.Groups[0].Buckets.Single();
            Assert.Equal(10, bucket.Params.numel());
            bucket.Params.fill_(7.0f);
        }

        Assert.All(a.data<float>().ToArray(), v => Assert.Equal(7f, v));
        Assert.All(b.data<float>().ToArray(), v => Assert.Equal(7f, v));
        Assert.All(c.data<float>().ToArray(), v => Assert.Equal(5f, v)); // another group, another buffer
        opt.zero_grad();
        using (Tensor loss = a.sum().add(b.mul(3).sum()))
        {
            loss.backward();
        }

        using var scope2 = torch.NewDisposeScope();
        Assert.Equal([1f, 1, 1, 1, 1, 1, 3, 3, 3, 3], opt.Groups[0].Buckets.Single().Gradients.data<float>().ToArray());
    }

    [NativeFact]
    public void Construction_RepeatedParameterOrEmptyGroup_Throws()
    {
        using var a = new Parameter(torch.ones(2));
        var ex = Assert.Throws<ArgumentException>(() => new FlatAdam(OptimizerKind.Adam, [([a], 0.1, 0), ([a], 0.2, 0)]));
        Assert.Contains("more than one place", ex.Message, StringComparison.Ordinal);
        ex = Assert.Throws<ArgumentException>(() => new FlatAdam(OptimizerKind.Adam, [([], 0.1, 0)]));
        Assert.Contains("group 0 is empty", ex.Message, StringComparison.Ordinal);
    }

    // A file in the layout earlier MLSeg versions wrote from TorchSharp's Adam (names, metadata keys and JSON as
    // OptimizerStateFile has always written them), built here from TorchSharp's own Adam state after three steps: MLSeg's
    // optimizer loads it and continues exactly as TorchSharp's Adam continues.
    [NativeFact]
    public void StateFile_WrittenFromTorchSharpAdam_LoadsAndContinuesLikeIt()
    {
        using var tmp = new TempDir();
        string path = Path.Combine(tmp.Path, "optimizer.safetensors");
        double[] a0 = [0.5, -1.2, 0.3, 2.0];
        double[] b0 = [1.0, -0.4];
        using var ta = new Parameter(torch.tensor(a0));
        using var tb = new Parameter(torch.tensor(b0));
        using var reference = new Adam([new Adam.ParamGroup([ta], new Adam.Options { LearningRate = 0.1, weight_decay = 0.05 }),
            new Adam.ParamGroup([tb], new Adam.Options { LearningRate = 0.01, weight_decay = 0.05 })], 0.1, weight_decay: 0.05);
        for (int k = 0; k < 3; k++)
        {
            AutogradStep(reference, ta, tb, k);
        }

        using (var scope = torch.NewDisposeScope())
        {
            var states = reference.state_dict().State.Cast<Adam.State>().ToList();
            var tensors = new Dictionary<string, Tensor>
            {
                ["state.0.0.exp_avg"] = states[0].exp_avg,
                ["state.0.0.exp_avg_sq"] = states[0].exp_avg_sq,
                ["state.1.0.exp_avg"] = states[1].exp_avg,
                ["state.1.0.exp_avg_sq"] = states[1].exp_avg_sq,
            };
            SafeTensors.Save(path, tensors, new Dictionary<string, string>
            {
                ["optimizer"] = "Adam",
                ["param_groups"] = """[{"LearningRate":0.1,"InitialLearningRate":0.1,"WeightDecay":0.05,"Parameters":1},{"LearningRate":0.01,"InitialLearningRate":0.01,"WeightDecay":0.05,"Parameters":1}]""",
                ["steps"] = """{"0.0":3,"1.0":3}""",
            });
        }

        using var fa = new Parameter(ta.detach().clone());
        using var fb = new Parameter(tb.detach().clone());
        using var flat = Optimizers.Create(OptimizerKind.Adam, [([fa], 0.7), ([fb], 0.7)], 0.05);
        OptimizerStateFile.Load(flat, path);
        Assert.Equal([0.1, 0.01], flat.ParamGroups.Select(g => g.LearningRate));
        for (int k = 3; k < 7; k++)
        {
            AutogradStep(reference, ta, tb, k);
            AutogradStep(flat, fa, fb, k);
        }

        AssertClose(ta.data<double>().ToArray(), fa.data<double>().ToArray(), "a");
        AssertClose(tb.data<double>().ToArray(), fb.data<double>().ToArray(), "b");
    }

    [NativeFact]
    public void StateFile_AmsGradState_IsRefusedNamingIt()
    {
        using var tmp = new TempDir();
        string path = Path.Combine(tmp.Path, "optimizer.safetensors");
        using var p = new Parameter(torch.ones(2));
        using var opt = Optimizers.Create(OptimizerKind.AdamW, [([p], 0.1)], 0);
        using (var scope = torch.NewDisposeScope())
        {
            SafeTensors.Save(path, new Dictionary<string, Tensor>
            {
                ["state.0.0.exp_avg"] = torch.zeros(2),
                ["state.0.0.exp_avg_sq"] = torch.zeros(2),
                ["state.0.0.max_exp_avg_sq"] = torch.zeros(2),
            }, new Dictionary<string, string>
            {
                ["optimizer"] = "AdamW",
                ["param_groups"] = """[{"LearningRate":0.1,"InitialLearningRate":0.1,"WeightDecay":0,"Parameters":1}]""",
                ["steps"] = """{"0.0":1}""",
            });
        }

        var ex = Assert.Throws<MLSeg.Core.Errors.SchemaMismatchException>(() => OptimizerStateFile.Load(opt, path));
        Assert.Contains("'state.0.0.max_exp_avg_sq' (AMSGrad state", ex.Message, StringComparison.Ordinal);
    }

    [NativeFact]
    public void GradScaler_FlatGradients_UnscaledBeforeTheStepAndSkippedWhenNotFinite()
    {
        using var scaled = new Parameter(torch.tensor(new float[] { 1, -2, 3 }));
        using var plain = new Parameter(torch.tensor(new float[] { 1, -2, 3 }));
        using Tensor weights = torch.tensor(new float[] { 0.5f, 2, -1 });
        using var withScaler = new FlatAdam(OptimizerKind.AdamW, [([scaled], 0.1, 0.01)]);
        using var reference = new FlatAdam(OptimizerKind.AdamW, [([plain], 0.1, 0.01)]);
        var scaler = new GradScaler(initialScale: 1024, growthInterval: 100);
        for (int k = 0; k < 3; k++)
        {
            using var scope = torch.NewDisposeScope();
            withScaler.zero_grad();
            scaler.ScaleLoss(scaled.mul(weights).sum()).backward();
            Assert.True(scaler.Step(withScaler));
            reference.zero_grad();
            plain.mul(weights).sum().backward();
            reference.step();
        }

        Assert.Equal(plain.data<float>().ToArray(), scaled.data<float>().ToArray()); // 1024 is a power of two: unscaling is exact
        float[] before = scaled.data<float>().ToArray();
        using (var scope = torch.NewDisposeScope())
        {
            withScaler.zero_grad();
            scaler.ScaleLoss(scaled.mul(torch.tensor(new float[] { float.PositiveInfinity, 1, 1 })).sum()).backward();
            Assert.False(scaler.Step(withScaler));
        }

        Assert.Equal(before, scaled.data<float>().ToArray());
        Assert.Equal(512, scaler.Scale);
        Assert.Equal(3, withScaler.Groups[0].StepOf(0));
    }

    private static Parameter[] Initial()
    {
        var ps = new Parameter[Shapes.Length];
        for (int i = 0; i < Shapes.Length; i++)
        {
            long n = Shapes[i].Aggregate(1L, (x, y) => x * y);
            using Tensor t = torch.tensor(Values(i, n, 0, 0.3), Shapes[i]);
            ps[i] = new Parameter(i == 0 ? ChannelsLast.Convert(t) : t.clone(), requires_grad: i is not (AlwaysFrozen or LateUnfrozen));
        }

        return ps;
    }

    private static void AutogradStep(optim.Optimizer opt, Parameter a, Parameter b, int k)
    {
        using var scope = torch.NewDisposeScope();
        Tensor ga = torch.tensor(Enumerable.Range(0, (int)a.numel()).Select(i => Math.Sin(1 + (0.7 * i) + (1.3 * k))).ToArray());
        Tensor gb = torch.tensor(Enumerable.Range(0, (int)b.numel()).Select(i => Math.Cos(0.5 + (0.3 * i) + (0.8 * k))).ToArray());
        opt.zero_grad();
        a.mul(ga).sum().add(b.mul(gb).sum()).backward();
        opt.step();
    }

    private static void AssertClose(double[] want, double[] actual, string what)
    {
        Assert.Equal(want.Length, actual.Length);
        for (int i = 0; i < want.Length; i++)
        {
            Assert.True(Math.Abs(want[i] - actual[i]) <= 1e-12 * Math.Max(1, Math.Abs(want[i])), $"{what}[{i}]: TorchSharp {want[i]}, MLSeg {actual[i]}");
        }
    }
}
