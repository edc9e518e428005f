using System.Globalization;
using System.Text.Json;
using MLSeg.TestKit;
using MLSeg.Training.FineTuning;
using TorchSharp;
using static TorchSharp.torch;

namespace MLSeg.Training.Tests;

public class SegmentationLossTests
{
    // The same loss written directly in PyTorch: weighted CE + soft batch Dice over the foreground classes.
    private const string Script = """
        import json, sys, torch
        logits = torch.tensor(json.loads(sys.argv[1]), dtype=torch.float32).reshape(2, 3, 4, 5).requires_grad_()
        target = torch.tensor(json.loads(sys.argv[2]), dtype=torch.int64).reshape(2, 4, 5)
        w = torch.tensor([0.2, 1.0, 3.0])
        ce = torch.nn.functional.cross_entropy(logits, target, weight=w)
        p = logits.softmax(1); g = torch.nn.functional.one_hot(target, 3).permute(0, 3, 1, 2).float()
        inter = (p * g).sum((0, 2, 3)); den = p.sum((0, 2, 3)) + g.sum((0, 2, 3))
        dice = 1 - ((2 * inter + 1e-5) / (den + 1e-5))[1:].mean()
        loss = 0.7 * ce + 1.5 * dice
        loss.backward()
        print(json.dumps({"loss": loss.item(), "grad": logits.grad.flatten().tolist()}))
        """;

    [ToolFact("py:torch")]
    public void Compute_WeightedCrossEntropyPlusSoftDice_MatchesPyTorchValueAndGradient()
    {
        var rng = new Random(3);
        float[] logits = Enumerable.Range(0, 120).Select(_ => (float)((rng.NextDouble() * 4) - 2)).ToArray();
        long[] target = Enumerable.Range(0, 40).Select(_ => (long)rng.Next(3)).ToArray();
        using var doc = JsonDocument.Parse(ExternalTools.RunPython(Script, JsonSerializer.Serialize(logits), JsonSerializer.Serialize(target)));
        var loss = new SegmentationLoss { CrossEntropyWeight = 0.7, DiceWeight = 1.5, ClassWeights = [0.2f, 1f, 3f] };
        using var x = torch.tensor(logits, [2, 3, 4, 5], requires_grad: true);
        using var y = torch.tensor(target, [2, 4, 5]);
        using Tensor value = loss.Compute(x, y);
        value.backward();
        double expected = doc.RootElement.GetProperty("loss").GetDouble();
        Assert.Equal(expected, value.item<float>(), 1e-5);
        float[] grad = x.grad!.data<float>().ToArray();
        double[] want = doc.RootElement.GetProperty("grad").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        for (int i = 0; i < want.Length; i++)
        {
            Assert.True(Math.Abs(want[i] - grad[i]) <= 1e-6, string.Create(CultureInfo.InvariantCulture, $"d loss / d logit[{i}]: PyTorch {want[i]}, MLSeg {grad[i]}"));
        }
    }

    [NativeFact]
    public void Compute_BFloat16Logits_ComputedInFloat32()
    {
        using var x = torch.randn([1, 2, 4, 4], generator: new Generator(2));
        using var y = torch.zeros([1, 4, 4], ScalarType.Int64);
        using var low = x.to(ScalarType.BFloat16);
        using var back = low.to(ScalarType.Float32);
        using Tensor fromLow = new SegmentationLoss().Compute(low, y);
        using Tensor fromCast = new SegmentationLoss().Compute(back, y);
        Assert.Equal(ScalarType.Float32, fromLow.dtype);
        Assert.Equal(fromCast.item<float>(), fromLow.item<float>());
    }
}
