using MLSeg.TestKit;
using MLSeg.Training.FineTuning;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLSeg.Training.Tests;

public class GradScalerTests
{
    private static (Parameter W, optim.Optimizer Sgd) Weights()
    {
        var w = new Parameter(torch.tensor(new float[] { 1, 2 }));
        return (w, optim.SGD([w], 0.1));
    }

    [NativeFact]
    public void Step_FiniteGradients_UnscalesStepsAndGrowsAfterInterval()
    {
        var (w, sgd) = Weights();
        using (w)
        using (sgd)
        {
            var scaler = new GradScaler(initialScale: 1024, growthInterval: 2);
            for (int k = 1; k <= 2; k++)
            {
                sgd.zero_grad();
                using (Tensor loss = w.square().sum())
                using (Tensor scaled = scaler.ScaleLoss(loss))
                {
                    scaled.backward();
                }

                Assert.True(scaler.Step(sgd));
                Assert.False(scaler.LastStepSkipped);
                Assert.Equal(k == 1 ? 1024 : 2048, scaler.Scale); // grows only after growthInterval clean steps
                Assert.Equal(k == 1 ? 1 : 0, scaler.CleanSteps);
            }

            // d/dw Σw² = 2w, unscaled before each step: w ← 0.8·w twice → [0.64, 1.28].
            float[] after = w.data<float>().ToArray();
            Assert.Equal(0.64f, after[0], 5);
            Assert.Equal(1.28f, after[1], 5);
        }
    }

    [NativeFact]
    public void Step_InfiniteGradient_SkipsStepBacksOffAndRestartsGrowthCount()
    {
        var (w, sgd) = Weights();
        using (w)
        using (sgd)
        {
            var scaler = new GradScaler(initialScale: 1024, growthInterval: 3, cleanSteps: 2);
            using (Tensor huge = torch.tensor(new float[] { float.PositiveInfinity, 1 }))
            using (Tensor loss = w.mul(huge).sum())
            using (Tensor scaled = scaler.ScaleLoss(loss))
            {
                scaled.backward();
            }

            Assert.False(scaler.Step(sgd));
            Assert.True(scaler.LastStepSkipped);
            Assert.Equal(new float[] { 1, 2 }, w.data<float>().ToArray());
            Assert.Equal(512, scaler.Scale);
            Assert.Equal(0, scaler.CleanSteps);
        }
    }

    [NativeFact]
    public void Step_NaNGradient_Skips()
    {
        var (w, sgd) = Weights();
        using (w)
        using (sgd)
        {
            var scaler = new GradScaler(initialScale: 8);
            using (Tensor loss = w.sqrt().mul(torch.tensor(new float[] { float.NaN, 0 })).sum())
            {
                scaler.ScaleLoss(loss).backward();
            }

            Assert.False(scaler.Step(sgd));
            Assert.Equal(4, scaler.Scale);
        }
    }

    [Theory]
    [InlineData(0.0, 2.0, 0.5, 10, 0)]
    [InlineData(1.0, 1.0, 0.5, 10, 0)]
    [InlineData(1.0, 2.0, 1.0, 10, 0)]
    [InlineData(1.0, 2.0, 0.5, 0, 0)]
    [InlineData(1.0, 2.0, 0.5, 10, 10)]
    public void Constructor_InvalidSetting_Throws(double scale, double growth, double backoff, int interval, int clean) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new GradScaler(scale, growth, backoff, interval, clean));

    [NativeFact]
    public void Validate_Float16OnCpu_RefusedBeforeTraining()
    {
        var options = new FineTuneOptions { Precision = TrainingPrecision.Float16 };
        using var net = new TinySegNet(1, 2, seed: 1);
        var ex = Assert.Throws<ArgumentException>(() => new FineTuneTrainer(options).Train(net, TestData.Dataset(2, 16, seed: 1)));
        Assert.Contains("float16 needs a CUDA device", ex.Message, StringComparison.Ordinal);
        Assert.Contains("bfloat16", ex.Message, StringComparison.Ordinal);
    }
}
