using System.Globalization;
using System.Text.Json;
using MLSeg.Core.Errors;
using MLSeg.TestKit;
using MLSeg.Training.FineTuning;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLSeg.Training.Tests;

/// <summary>
/// The trainers' optimizers (MLSeg's flat-buffer Adam/AdamW with one group per learning rate), schedules and optimizer
/// state files, against Debian's PyTorch where it is the reference.
/// </summary>
public class OptimizerTests
{
    private const int Steps = 6;

    // Two groups — a (2×3) at lr 0.1 and b (4) at lr 0.01 — both with weight decay 0.05: discriminative rates.
    private static readonly double[] A0 = [0.5, -1.2, 0.3, 2.0, -0.7, 0.05];
    private static readonly double[] B0 = [1.0, -0.4, 0.8, -2.5];

    private const string OptimizerScript = """
        import json, math, sys, torch
        def grad(step, size, phase):
            return torch.tensor([math.sin(1 + 0.7 * i + 1.3 * step + phase) * (1 + 0.1 * i) for i in range(size)], dtype=torch.float64)
        out = {}
        for name in ["adam", "adamw"]:
            a = torch.tensor([0.5, -1.2, 0.3, 2.0, -0.7, 0.05], dtype=torch.float64).reshape(2, 3).requires_grad_()
            b = torch.tensor([1.0, -0.4, 0.8, -2.5], dtype=torch.float64).requires_grad_()
            make = torch.optim.Adam if name == "adam" else torch.optim.AdamW
            opt = make([{"params": [a], "lr": 0.1}, {"params": [b], "lr": 0.01}], weight_decay=0.05)
            for k in range(int(sys.argv[1])):
                a.grad = grad(k, 6, 0.0).reshape(2, 3); b.grad = grad(k, 4, 0.5)
                opt.step()
            out[name] = [a.detach().flatten().tolist(), b.detach().tolist()]
        print(json.dumps(out))
        """;

    private static double[] Grad(int step, int size, double phase) =>
        Enumerable.Range(0, size).Select(i => Math.Sin(1 + (0.7 * i) + (1.3 * step) + phase) * (1 + (0.1 * i))).ToArray();

    [ToolFact("py:torch")]
    public void AdamAndAdamW_TwoGroupsWithWeightDecay_MatchPyTorch()
    {
        using var doc = JsonDocument.Parse(ExternalTools.RunPython(OptimizerScript, Steps.ToString(CultureInfo.InvariantCulture)));
        foreach (var (kind, name) in new[] { (OptimizerKind.Adam, "adam"), (OptimizerKind.AdamW, "adamw") })
        {
            var (a, b) = Parameters();
            using (a)
            using (b)
            using (FlatAdam opt = Optimizers.Create(kind, [([a], 0.1), ([b], 0.01)], 0.05))
            {
                RunSteps(opt, a, b, 0, Steps);
                var expected = doc.RootElement.GetProperty(name);
                AssertClose(expected[0], a.data<double>().ToArray(), $"{name} a");
                AssertClose(expected[1], b.data<double>().ToArray(), $"{name} b");
            }
        }
    }

    private const string SchedulerScript = """
        import json, sys, torch, warnings
        warnings.simplefilter("ignore")
        S = torch.optim.lr_scheduler
        epochs = int(sys.argv[1])
        def run(make):
            p = torch.zeros(1, requires_grad=True); q = torch.zeros(1, requires_grad=True)
            opt = torch.optim.Adam([{"params": [p], "lr": 1e-4}, {"params": [q], "lr": 1e-3}])
            s = make(opt)
            lrs = []
            for _ in range(epochs):
                lrs.append([g["lr"] for g in opt.param_groups])
                opt.step(); s.step()
            return lrs
        print(json.dumps({
            "Cosine": run(lambda o: S.CosineAnnealingLR(o, T_max=epochs)),
            "Polynomial": run(lambda o: S.PolynomialLR(o, total_iters=epochs, power=0.9)),
            "Step": run(lambda o: S.StepLR(o, step_size=max(1, epochs // 3), gamma=0.1)),
        }))
        """;

    [ToolFact("py:torch")]
    public void Schedules_PerEpochRatesOfBothGroups_MatchPyTorch()
    {
        const int epochs = 10;
        using var doc = JsonDocument.Parse(ExternalTools.RunPython(SchedulerScript, epochs.ToString(CultureInfo.InvariantCulture)));
        foreach (ScheduleKind kind in new[] { ScheduleKind.Cosine, ScheduleKind.Polynomial, ScheduleKind.Step })
        {
            using var p = new Parameter(torch.zeros(1));
            using var q = new Parameter(torch.zeros(1));
            using FlatAdam opt = Optimizers.Create(OptimizerKind.Adam, [([p], 1e-4), ([q], 1e-3)], 0);
            var scheduler = Optimizers.CreateScheduler(opt, kind, epochs)!;
            var expected = doc.RootElement.GetProperty(kind.ToString());
            for (int e = 0; e < epochs; e++)
            {
                double[] lrs = opt.ParamGroups.Select(g => g.LearningRate).ToArray();
                for (int g = 0; g < 2; g++)
                {
                    double want = expected[e][g].GetDouble();
                    Assert.True(Math.Abs(lrs[g] - want) <= 1e-12 * Math.Max(1e-3, Math.Abs(want)), $"{kind}, epoch {e}, group {g}: {lrs[g]} vs PyTorch {want}");
                }

                scheduler.step();
            }
        }
    }

    [Fact]
    public void CreateScheduler_Constant_IsNone()
    {
        using var p = new Parameter(torch.zeros(1));
        using FlatAdam opt = Optimizers.Create(OptimizerKind.AdamW, [([p], 1e-3)], 0);
        Assert.Null(Optimizers.CreateScheduler(opt, ScheduleKind.Constant, 5));
    }

    [NativeFact]
    public void StateFile_SaveLoadMidRun_EqualsUninterruptedRun()
    {
        using var tmp = new TempDir();
        string path = Path.Combine(tmp.Path, "optimizer.safetensors");
        double[][] Run(bool interrupt)
        {
            var (a, b) = Parameters();
            using (a)
            using (b)
            {
                FlatAdam opt = Optimizers.Create(OptimizerKind.AdamW, [([a], 0.1), ([b], 0.01)], 0.05);
                RunSteps(opt, a, b, 0, 3);
                if (interrupt)
                {
                    OptimizerStateFile.Save(opt, path);
                    opt.Dispose();
                    opt = Optimizers.Create(OptimizerKind.AdamW, [([a], 0.5), ([b], 0.5)], 0.05);
                    OptimizerStateFile.Load(opt, path);
                    Assert.Equal([0.1, 0.01], opt.ParamGroups.Select(g => g.LearningRate)); // rates come back with the moments
                }

                RunSteps(opt, a, b, 3, Steps);
                opt.Dispose();
                return [a.data<double>().ToArray(), b.data<double>().ToArray()];
            }
        }

        double[][] straight = Run(false);
        double[][] resumed = Run(true);
        Assert.Equal(straight[0], resumed[0]);
        Assert.Equal(straight[1], resumed[1]);
        var (entries, metadata) = MLSeg.Models.Engine.Serialization.SafeTensors.ReadHeader(path);
        Assert.Equal(["state.0.0.exp_avg", "state.0.0.exp_avg_sq", "state.1.0.exp_avg", "state.1.0.exp_avg_sq"], entries.Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Equal("AdamW", metadata["optimizer"]);
        Assert.Equal("""{"0.0":3,"1.0":3}""", metadata["steps"]);
    }

    [NativeFact]
    public void StateFile_OtherOptimizerTypeOrLayout_ThrowsNamingBoth()
    {
        using var tmp = new TempDir();
        string path = Path.Combine(tmp.Path, "adam.safetensors");
        var (a, b) = Parameters();
        using (a)
        using (b)
        {
            using (FlatAdam adam = Optimizers.Create(OptimizerKind.Adam, [([a], 0.1), ([b], 0.01)], 0))
            {
                RunSteps(adam, a, b, 0, 1);
                OptimizerStateFile.Save(adam, path);
            }

            using FlatAdam adamW = Optimizers.Create(OptimizerKind.AdamW, [([a], 0.1), ([b], 0.01)], 0);
            var ex = Assert.Throws<SchemaMismatchException>(() => OptimizerStateFile.Load(adamW, path));
            Assert.Contains("for Adam, not AdamW", ex.Message, StringComparison.Ordinal);

            using FlatAdam oneGroup = Optimizers.Create(OptimizerKind.Adam, [([a, b], 0.1)], 0);
            ex = Assert.Throws<SchemaMismatchException>(() => OptimizerStateFile.Load(oneGroup, path));
            Assert.Contains("saved groups have [1, 1] parameters; this optimizer has [2]", ex.Message, StringComparison.Ordinal);
        }
    }

    private static (Parameter A, Parameter B) Parameters() =>
        (new Parameter(torch.tensor(A0, [2, 3])), new Parameter(torch.tensor(B0)));

    private static void RunSteps(FlatAdam opt, Parameter a, Parameter b, int from, int to)
    {
        for (int k = from; k < to; k++)
        {
            // The gradients arrive through autograd (d/dx Σ x·g = g), which accumulates into the optimizer's gradient views.
            using var scope = torch.NewDisposeScope();
            Tensor ga = torch.tensor(Grad(k, 6, 0), [2, 3]);
            Tensor gb = torch.tensor(Grad(k, 4, 0.5));
            opt.zero_grad();
            a.mul(ga).sum().add(b.mul(gb).sum()).backward();
            opt.step();
        }
    }

    // float64 throughout: agreement to 1e-10 relative is summation-order noise.
    private static void AssertClose(JsonElement expected, double[] actual, string what)
    {
        double[] want = expected.EnumerateArray().Select(e => e.GetDouble()).ToArray();
        Assert.Equal(want.Length, actual.Length);
        for (int i = 0; i < want.Length; i++)
        {
            Assert.True(Math.Abs(want[i] - actual[i]) <= 1e-10 * Math.Max(1, Math.Abs(want[i])), $"{what}[{i}]: PyTorch {want[i]}, MLSeg {actual[i]}");
        }
    }
}
