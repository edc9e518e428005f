using MLSeg.TestKit;
using MLSeg.Torch.Optim;
using MLSeg.Torch.Optim.Schedulers;

namespace MLSeg.Torch.Tests;

/// <summary>Hand-computed schedule values (the PyTorch comparison is in <see cref="OptimizerParityTests"/>).</summary>
public class SchedulerTests
{
    public static TheoryData<string, long, double> Values => new()
    {
        { "step", 0, 0.1 },
        { "step", 2, 0.1 },
        { "step", 3, 0.05 },
        { "step", 7, 0.025 },
        { "cosine", 5, 0.05 },
        { "cosine", 10, 0.0 },
        { "poly", 50, 0.1 * 0.53588673 },   // nnU-Net poly: 0.1·(1 − 50/100)^0.9
        { "poly", 100, 0.0 },
        { "onecycle", 0, 0.004 },            // max 0.1 / div 25
        { "onecycle", 5, 0.1 },              // peak at pct·T − 1 = 0.3·20 − 1
        { "onecycle", 19, 0.1 / 25 / 1e4 },  // final = initial / final_div
        { "warmup", 0, 0.01 },               // 0.1 · start factor 0.1
        { "warmup", 2, 0.046 },              // 0.1 · (0.1 + 0.9·2/5)
        { "warmup", 5, 0.1 },
    };

    [NativeTheory]
    [MemberData(nameof(Values))]
    public void LearningRateAt_Epoch_MatchesClosedForm(string schedule, long epoch, double expected)
    {
        using var p = Torch.Zeros([1], requiresGrad: true);
        using var opt = new Sgd([p], 0.1);
        LRScheduler s = schedule switch
        {
            "step" => new StepLR(opt, 3, 0.5),
            "cosine" => new CosineAnnealingLR(opt, 10),
            "poly" => new PolynomialLR(opt, 100, 0.9),
            "onecycle" => new OneCycleLR(opt, 0.1, 20),
            "warmup" => new LinearWarmup(new StepLR(opt, 1000), 5, 0.1),
            _ => throw new ArgumentOutOfRangeException(nameof(schedule)),
        };
        for (long e = 0; e < epoch; e++)
        {
            s.Step();
        }

        Assert.Equal(epoch, s.LastEpoch);
        Assert.Equal(expected, opt.ParamGroups[0].LearningRate, 1e-9);
    }

    [NativeFact]
    public void DiscriminativeRates_EachGroupScalesFromItsOwnInitialRate()
    {
        using var enc = Torch.Zeros([1], requiresGrad: true);
        using var dec = Torch.Zeros([1], requiresGrad: true);
        using var opt = new AdamW([new ParamGroup([enc], learningRate: 1e-4), new ParamGroup([dec])], 1e-3);
        var s = new StepLR(opt, 1, 0.5);
        s.Step();
        Assert.Equal([5e-5, 5e-4], s.LastLearningRates);
        Assert.Equal(0.01, opt.ParamGroups[1].WeightDecay);
    }

    [NativeFact]
    public void OneCycle_SteppedPastTotal_Throws()
    {
        using var p = Torch.Zeros([1], requiresGrad: true);
        using var opt = new Sgd([p], 0.1);
        var s = new OneCycleLR(opt, 0.1, 3);
        s.Step();
        s.Step();
        s.Step();
        Assert.Throws<InvalidOperationException>(s.Step);
    }
}
