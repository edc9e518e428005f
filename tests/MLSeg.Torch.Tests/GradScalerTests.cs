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
    public void Autocast_CudaOnCpuBuild_IsAClearError()
    {
        if (Cuda.IsAvailable)
        {
            using (Torch.Autocast(ScalarType.Float16))
            {
                Assert.True(AutocastScope.IsEnabled(DeviceType.Cuda));
            }

            Assert.False(AutocastScope.IsEnabled(DeviceType.Cuda));
            return;
        }

        var ex = Assert.Throws<NativeEngineException>(() => Torch.Autocast(ScalarType.Float16));
        Assert.Contains("CUDA", ex.Message, StringComparison.Ordinal);
        Assert.False(AutocastScope.IsEnabled(DeviceType.Cuda));
        Assert.Throws<ArgumentOutOfRangeException>(() => Torch.Autocast(ScalarType.Float32));
        Assert.Throws<ArgumentOutOfRangeException>(() => Torch.Autocast(DeviceType.Cpu, ScalarType.Float16));
    }

    [NativeFact]
    public void Autocast_Cpu_ConvRunsInBFloat16AndScopesNestAndRestore()
    {
        using var g = new Generator(3);
        using var x = Torch.Randn([1, 2, 8, 8], g);
        using var w = Torch.Randn([3, 2, 3, 3], g);
        using Tensor full = NN.Functional.Conv2d(x, w);
        Assert.Equal(ScalarType.Float32, full.Dtype);
        Assert.False(AutocastScope.IsEnabled(DeviceType.Cpu));
        float[] mixed;
        using (Torch.Autocast(DeviceType.Cpu, ScalarType.BFloat16))
        {
            Assert.True(AutocastScope.IsEnabled(DeviceType.Cpu));
            using (Torch.Autocast(DeviceType.Cpu, ScalarType.BFloat16))
            {
                Assert.True(AutocastScope.IsEnabled(DeviceType.Cpu));
            }

            Assert.True(AutocastScope.IsEnabled(DeviceType.Cpu)); // the inner scope restored the outer one's state
            using Tensor y = NN.Functional.Conv2d(x, w);
            Assert.Equal(ScalarType.BFloat16, y.Dtype);
            using Tensor y32 = y.To(ScalarType.Float32);
            mixed = y32.ToArray<float>();
        }

        Assert.False(AutocastScope.IsEnabled(DeviceType.Cpu));
        using Tensor after = NN.Functional.Conv2d(x, w);
        Assert.Equal(ScalarType.Float32, after.Dtype);

        // bfloat16 keeps 8 significant bits: inputs and output rounded to it stay within 2^-6 of the output's scale.
        float[] exact = full.ToArray<float>();
        float scale = exact.Max(MathF.Abs);
        for (int i = 0; i < exact.Length; i++)
        {
            Assert.True(MathF.Abs(exact[i] - mixed[i]) <= scale / 64, $"element {i}: float32 {exact[i]} vs bfloat16 autocast {mixed[i]} (tolerance {scale / 64})");
        }
    }
}
