using System.Text.Json;
using MLSeg.TestKit;
using MLSeg.Torch.Optim;
using MLSeg.Torch.Optim.Schedulers;

namespace MLSeg.Torch.Tests;

/// <summary>Runs the same optimizer steps and schedules in MLSeg and in Debian's PyTorch and compares the results.</summary>
public class OptimizerParityTests
{
    private const int Steps = 6;
    private const double Tolerance = 1e-6;

    // Two groups: a (2×3) at lr 0.1 with the default weight decay, b (4) at lr 0.01 without decay — discriminative rates.
    private static readonly double[] A0 = [0.5, -1.2, 0.3, 2.0, -0.7, 0.05];
    private static readonly double[] B0 = [1.0, -0.4, 0.8, -2.5];

    private static double[] Grad(int step, int size, double phase) =>
        Enumerable.Range(0, size).Select(i => Math.Sin(1 + (0.7 * i) + (1.3 * step) + phase) * (1 + (0.1 * i))).ToArray();

    private static readonly string[] Configs = ["sgd_nesterov", "sgd_dampened", "adam_l2", "adam_amsgrad", "adamw"];

    private static Optimizer Create(string config, ParamGroup[] groups) => config switch
    {
        "sgd_nesterov" => new Sgd(groups, 0.1, momentum: 0.9, weightDecay: 0.05, nesterov: true),
        "sgd_dampened" => new Sgd(groups, 0.1, momentum: 0.9, dampening: 0.1, weightDecay: 0.05),
        "adam_l2" => new Adam(groups, 0.1, weightDecay: 0.05),
        "adam_amsgrad" => new Adam(groups, 0.1, beta1: 0.8, beta2: 0.95, eps: 1e-6, amsGrad: true, weightDecay: 0.05),
        "adamw" => new AdamW(groups, 0.1, weightDecay: 0.05),
        _ => throw new ArgumentOutOfRangeException(nameof(config)),
    };

    private const string OptimizerScript = """
        import json, math, sys, torch
        a0 = [0.5, -1.2, 0.3, 2.0, -0.7, 0.05]; b0 = [1.0, -0.4, 0.8, -2.5]
        def grad(step, size, phase):
            return torch.tensor([math.sin(1 + 0.7 * i + 1.3 * step + phase) * (1 + 0.1 * i) for i in range(size)], dtype=torch.float64)
        def make(name, groups):
            O = torch.optim
            return {"sgd_nesterov": lambda: O.SGD(groups, lr=0.1, momentum=0.9, weight_decay=0.05, nesterov=True),
                    "sgd_dampened": lambda: O.SGD(groups, lr=0.1, momentum=0.9, dampening=0.1, weight_decay=0.05),
                    "adam_l2": lambda: O.Adam(groups, lr=0.1, weight_decay=0.05),
                    "adam_amsgrad": lambda: O.Adam(groups, lr=0.1, betas=(0.8, 0.95), eps=1e-6, amsgrad=True, weight_decay=0.05),
                    "adamw": lambda: O.AdamW(groups, lr=0.1, weight_decay=0.05)}[name]()
        out = {}
        for name in sys.argv[1].split(","):
            a = torch.tensor(a0, dtype=torch.float64).reshape(2, 3).requires_grad_()
            b = torch.tensor(b0, dtype=torch.float64).requires_grad_()
            opt = make(name, [{"params": [a]}, {"params": [b], "lr": 0.01, "weight_decay": 0.0}])
            for k in range(int(sys.argv[2])):
                a.grad = grad(k, 6, 0.0).reshape(2, 3); b.grad = grad(k, 4, 0.5)
                opt.step()
            out[name] = [a.detach().flatten().tolist(), b.detach().tolist()]
        print(json.dumps(out))
        """;

    [ToolFact("py:torch")]
    public void Step_SgdAdamAdamW_MatchPyTorchAfterSeveralSteps()
    {
        using var doc = JsonDocument.Parse(ExternalTools.RunPython(OptimizerScript, string.Join(',', Configs), Steps.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        foreach (string config in Configs)
        {
            using var a = Torch.FromArray(A0, 2, 3);
            using var b = Torch.FromArray(B0);
            a.RequiresGrad = true;
            b.RequiresGrad = true;
            using var opt = Create(config, [new ParamGroup([a]), new ParamGroup([b], learningRate: 0.01, weightDecay: 0)]);
            for (int k = 0; k < Steps; k++)
            {
                using var ga = Torch.FromArray(Grad(k, 6, 0), 2, 3);
                using var gb = Torch.FromArray(Grad(k, 4, 0.5));
                a.Grad = ga;
                b.Grad = gb;
                opt.Step();
            }

            var expected = doc.RootElement.GetProperty(config);
            AssertClose(expected[0], a.ToArray<double>(), config + " a");
            AssertClose(expected[1], b.ToArray<double>(), config + " b");
        }
    }

    private const string SchedulerScript = """
        import json, sys, torch, warnings
        warnings.simplefilter("ignore")
        S = torch.optim.lr_scheduler
        def run(make, n=20):
            p = torch.zeros(1, requires_grad=True)
            opt = torch.optim.SGD([p], lr=0.1)
            s = make(opt)
            lrs = [opt.param_groups[0]["lr"]]
            for _ in range(n - 1):
                opt.step(); s.step(); lrs.append(opt.param_groups[0]["lr"])
            return lrs
        print(json.dumps({
            "step": run(lambda o: S.StepLR(o, step_size=3, gamma=0.5)),
            "cosine": run(lambda o: S.CosineAnnealingLR(o, T_max=10, eta_min=0.001)),
            "onecycle": run(lambda o: S.OneCycleLR(o, max_lr=0.1, total_steps=20, cycle_momentum=False)),
            "onecycle_linear": run(lambda o: S.OneCycleLR(o, max_lr=0.2, total_steps=20, pct_start=0.25, anneal_strategy="linear",
                                                          div_factor=10, final_div_factor=100, cycle_momentum=False)),
            "poly": run(lambda o: S.PolynomialLR(o, total_iters=15, power=0.9)),
            "warmup_cosine": run(lambda o: S.ChainedScheduler([S.LinearLR(o, start_factor=0.1, total_iters=5), S.CosineAnnealingLR(o, T_max=20)])),
        }))
        """;

    [ToolFact("py:torch")]
    public void Schedules_MatchPyTorchFor20Steps()
    {
        using var doc = JsonDocument.Parse(ExternalTools.RunPython(SchedulerScript));
        var cases = new Dictionary<string, Func<Optimizer, LRScheduler>>
        {
            ["step"] = o => new StepLR(o, 3, 0.5),
            ["cosine"] = o => new CosineAnnealingLR(o, 10, 0.001),
            ["onecycle"] = o => new OneCycleLR(o, 0.1, 20),
            ["onecycle_linear"] = o => new OneCycleLR(o, 0.2, 20, pctStart: 0.25, cosine: false, divFactor: 10, finalDivFactor: 100),
            ["poly"] = o => new PolynomialLR(o, 15, 0.9),
            ["warmup_cosine"] = o => new LinearWarmup(new CosineAnnealingLR(o, 20), 5, 0.1),
        };
        foreach (var (name, make) in cases)
        {
            using var p = Torch.Zeros([1], requiresGrad: true);
            using var opt = new Sgd([p], 0.1);
            var sched = make(opt);
            var lrs = new List<double> { opt.ParamGroups[0].LearningRate };
            for (int i = 0; i < 19; i++)
            {
                sched.Step();
                lrs.Add(opt.ParamGroups[0].LearningRate);
            }

            AssertClose(doc.RootElement.GetProperty(name), lrs.ToArray(), name);
        }
    }

    private static void AssertClose(JsonElement expected, double[] actual, string what)
    {
        double[] want = expected.EnumerateArray().Select(e => e.GetDouble()).ToArray();
        Assert.Equal(want.Length, actual.Length);
        for (int i = 0; i < want.Length; i++)
        {
            Assert.True(Math.Abs(want[i] - actual[i]) <= Tolerance * Math.Max(1, Math.Abs(want[i])), $"{what}[{i}]: PyTorch {want[i]:R}, MLSeg {actual[i]:R}");
        }
    }
}
