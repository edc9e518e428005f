using MLSeg.Core.Errors;
using MLSeg.TestKit;
using MLSeg.Torch.Optim;

namespace MLSeg.Torch.Tests;

public class OptimizerTests
{
    [NativeFact]
    public void Sgd_PlainStep_IsThetaMinusLrTimesGrad()
    {
        using var p = Torch.FromArray(new double[] { 1, 2 });
        p.RequiresGrad = true;
        using var opt = new Sgd([p], 0.5);
        using var g = Torch.FromArray(new double[] { 0.2, -4 });
        p.Grad = g;
        opt.Step();
        Assert.Equal([0.9, 4.0], p.ToArray<double>());
        Assert.False(p.Grad is null);
        opt.ZeroGrad();
        Assert.Null(p.Grad);
    }

    [NativeFact]
    public void Adam_FirstStep_MovesEachWeightByLr()
    {
        // With bias correction the first Adam step is lr·g/(|g| + ε') ≈ lr·sign(g).
        using var p = Torch.FromArray(new double[] { 0, 0 });
        p.RequiresGrad = true;
        using var opt = new Adam([p], 0.01);
        using var g = Torch.FromArray(new double[] { 3, -0.5 });
        p.Grad = g;
        opt.Step();
        double[] w = p.ToArray<double>();
        Assert.Equal(-0.01, w[0], 8);
        Assert.Equal(0.01, w[1], 8);
        Assert.Equal(1, opt.GetState(0, 0)!.Step);
    }

    [NativeFact]
    public void SaveStateLoadState_ResumedRun_EqualsUninterruptedRun()
    {
        string dir = RepoPaths.NewTempDir();
        try
        {
            double[] Run(bool interrupt)
            {
                using var p = Torch.FromArray(new double[] { 1, -1, 0.5 });
                p.RequiresGrad = true;
                var opt = new Adam([p], 0.1, amsGrad: true);
                for (int k = 0; k < 6; k++)
                {
                    if (interrupt && k == 3)
                    {
                        string path = Path.Combine(dir, "opt.safetensors");
                        opt.SaveState(path);
                        opt.Dispose();
                        opt = new Adam([p], 0.1, amsGrad: true);
                        opt.LoadState(path);
                    }

                    using var g = Torch.FromArray(new double[] { Math.Sin(k), Math.Cos(k), k * 0.1 });
                    p.Grad = g;
                    opt.Step();
                }

                opt.Dispose();
                return p.ToArray<double>();
            }

            Assert.Equal(Run(false), Run(true));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [NativeFact]
    public void LoadState_OtherOptimizerType_ThrowsNamingBoth()
    {
        string dir = RepoPaths.NewTempDir();
        try
        {
            using var p = Torch.FromArray(new double[] { 1 });
            p.RequiresGrad = true;
            using var sgd = new Sgd([p], 0.1, momentum: 0.9);
            using var g = Torch.FromArray(new double[] { 1 });
            p.Grad = g;
            sgd.Step();
            string path = Path.Combine(dir, "sgd.safetensors");
            sgd.SaveState(path);
            using var adam = new Adam([p]);
            var ex = Assert.Throws<SchemaMismatchException>(() => adam.LoadState(path));
            Assert.Contains("Sgd", ex.Message, StringComparison.Ordinal);
            Assert.Contains("Adam", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [NativeFact]
    public void Constructor_ParameterInTwoGroups_Throws()
    {
        using var p = Torch.Zeros([1], requiresGrad: true);
        Assert.Throws<ArgumentException>(() => new Sgd([new ParamGroup([p]), new ParamGroup([p])], 0.1));
        Assert.Throws<ArgumentException>(() => new Sgd([p], 0.1, nesterov: true));
    }
}
