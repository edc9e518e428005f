using MLSeg.Core.Errors;
using MLSeg.TestKit;
using MLSeg.Torch.Optim;

namespace MLSeg.Torch.Tests;

public class GradScalerTests
{
    [NativeFact]
    public void Step_FiniteGradients_UnscalesAndSteps()
    {
        using var w = Torch.FromArray(new float[] { 1, 2 });
        w.RequiresGrad = true;
        using var opt = new Sgd([w], learningRate: 0.1);
        var scaler = new GradScaler(initialScale: 1024, growthInterval: 1);
        using (var loss = w.Square().Sum())
        using (var scaled = scaler.ScaleLoss(loss))
        {
            scaled.Backward();
        }

        Assert.True(scaler.Step(opt));
        // d/dw Σw² = 2w = [2, 4]; unscaled before the step, so w − 0.1·[2, 4] = [0.8, 1.6]
        float[] after = w.ToArray<float>();
        Assert.Equal(0.8f, after[0], 5);
        Assert.Equal(1.6f, after[1], 5);
        Assert.Equal(2048, scaler.Scale); // grew after growthInterval clean steps
    }

    [NativeFact]
    public void Step_InfiniteGradient_SkipsStepAndBacksOff()
    {
        using var w = Torch.FromArray(new float[] { 1, 2 });
        w.RequiresGrad = true;
        using var opt = new Sgd([w], learningRate: 0.1);
        var scaler = new GradScaler(initialScale: 1024);
        using (var huge = Torch.FromArray(new float[] { float.PositiveInfinity, 1 }))
        using (var loss = w.Mul(huge).Sum())
        using (var scaled = scaler.ScaleLoss(loss))
        {
            scaled.Backward();
        }

        Assert.False(scaler.Step(opt));
        Assert.True(scaler.LastStepSkipped);
        Assert.Equal(new float[] { 1, 2 }, w.ToArray<float>());
        Assert.Equal(512, scaler.Scale);
    }

    [NativeFact]
    public void Autocast_OnCpuBuild_IsAClearError()
    {
        if (Cuda.IsAvailable)
        {
            using (Torch.Autocast(ScalarType.BFloat16))
            {
                return; // opening and closing the scope is the test on a CUDA build
            }
        }

        var ex = Assert.Throws<NativeEngineException>(() => Torch.Autocast(ScalarType.Float16));
        Assert.Contains("CUDA", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => Torch.Autocast(ScalarType.Float32));
    }
}
