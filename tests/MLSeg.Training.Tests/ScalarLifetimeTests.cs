using MLSeg.Models.Layers;
using MLSeg.TestKit;
using MLSeg.Training.FineTuning;
using TorchSharp;
using static TorchSharp.torch;

namespace MLSeg.Training.Tests;

/// <summary>
/// A Scalar passed to libtorch must outlive the native call. TorchSharp's implicit double → Scalar temporaries do not:
/// a collection on another thread can finalize one mid-call ("Expected false to be true" from add_scalar, "Unknown
/// scalar type"), and TorchSharp's add(x) / add(Scalar) create an implicit alpha themselves. The loss, dropout and FlatAdam
/// steps run here while another thread collects and finalizes continuously.
/// </summary>
public class ScalarLifetimeTests
{
    private const int Steps = 10000;

    // `steps` FlatAdam (AdamW, weight decay) steps of a small parameter under a fixed loss, calling `between` after each.
    private static float[] AdamSteps(int steps, Action<int> between)
    {
        using var weights = torch.linspace(-1, 1, 64);
        using var p = new TorchSharp.Modules.Parameter(torch.ones(64));
        using var opt = new FlatAdam(OptimizerKind.AdamW, [([p], 1e-3, 0.01)]);
        for (int i = 0; i < steps; i++)
        {
            using (var scope = torch.NewDisposeScope())
            {
                opt.zero_grad();
                p.mul(weights).sum().backward();
                opt.step();
            }

            between(i);
        }

        return p.detach().data<float>().ToArray();
    }

    [NativeFact]
    public void LossAndDropout_UnderConcurrentCollections_MatchTheQuietResult()
    {
        using var generator = new Generator(7UL);
        using Tensor logits = torch.randn([2, 3, 16, 16], generator: generator);
        using Tensor target = torch.randint(0, 3, [2, 16, 16], generator: generator);
        var loss = new SegmentationLoss { DiceWeight = 1, CrossEntropyWeight = 0.5 };
        float expected;
        using (Tensor quiet = loss.Compute(logits, target))
        {
            expected = quiet.item<float>();
        }

        float[] expectedParams = AdamSteps(Steps, _ => { });

        using var dropout = new SeededDropout(0.3);
        dropout.train();
        using var stop = new CancellationTokenSource();
        var collector = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }
        });
        try
        {
            float[] stressed = AdamSteps(Steps, _ =>
            {
                using var scope = torch.NewDisposeScope();
                Assert.Equal(expected, loss.Compute(logits, target).item<float>());
                Assert.Equal(logits.shape, dropout.forward(logits).shape);
            });
            Assert.Equal(expectedParams, stressed);
        }
        finally
        {
            stop.Cancel();
            collector.Wait();
        }
    }
}
