using MLSeg.Core.Errors;
using MLSeg.TestKit;
using MLSeg.Torch.NN;

namespace MLSeg.Torch.Tests;

public class ModuleTests
{
    private sealed class Net : Module<Tensor, Tensor>
    {
        public Net(Generator g)
        {
            Encoder = RegisterModule("encoder", new Sequential(new Conv2d(1, 4, 3, padding: 1, generator: g), new BatchNorm2d(4), new ReLU()));
            Head = RegisterModule("head", new Conv2d(4, 2, 1, generator: g));
        }

        public Sequential Encoder { get; }

        public Conv2d Head { get; }

        public override Tensor Forward(Tensor input)
        {
            using var h = Encoder.Forward(input);
            return Head.Forward(h);
        }
    }

    [NativeFact]
    public void StateDict_NestedModules_HasPyTorchDottedNamesInOrder()
    {
        using var g = new Generator(1);
        using var net = new Net(g);
        using var scope = Torch.NewDisposeScope();
        // The key order of torch.nn.Module.state_dict() for the same structure.
        string[] expected =
        [
            "encoder.0.weight", "encoder.0.bias", "encoder.1.weight", "encoder.1.bias", "encoder.1.running_mean",
            "encoder.1.running_var", "encoder.1.num_batches_tracked", "head.weight", "head.bias",
        ];
        Assert.Equal(expected, net.StateDict().Keys);
        Assert.Equal(["encoder.0.weight", "encoder.0.bias", "encoder.1.weight", "encoder.1.bias", "head.weight", "head.bias"], net.NamedParameters().Select(p => p.Key));
        Assert.Equal(["encoder.1.running_mean", "encoder.1.running_var", "encoder.1.num_batches_tracked"], net.NamedBuffers().Select(p => p.Key));
        Assert.Equal(["", "encoder", "encoder.0", "encoder.1", "encoder.2", "head"], net.NamedModules().Select(p => p.Key));
        Assert.Equal(ScalarType.Int64, net.StateDict()["encoder.1.num_batches_tracked"].Dtype);
        Assert.All(net.Parameters(), p => Assert.True(p.RequiresGrad));
    }

    [NativeFact]
    public void Conv2d_DefaultInit_IsUniformWithinOneOverSqrtFanIn_AndSeeded()
    {
        using var g1 = new Generator(7);
        using var g2 = new Generator(7);
        using var a = new Conv2d(3, 64, 3, generator: g1);
        using var b = new Conv2d(3, 64, 3, generator: g2);
        float[] w = a.Weight.ToArray<float>();
        double bound = 1 / Math.Sqrt(27);
        Assert.All(w, x => Assert.InRange(x, -bound, bound));
        // U(−b, b) has standard deviation b/√3; 1728 draws put the sample value within 5 % (about 3.5 standard errors).
        double mean = w.Average(x => (double)x);
        double std = Math.Sqrt(w.Average(x => (x - mean) * (x - mean)));
        Assert.InRange(std, bound / Math.Sqrt(3) * 0.95, bound / Math.Sqrt(3) * 1.05);
        Assert.All(a.Bias!.ToArray<float>(), x => Assert.InRange(x, -bound, bound));
        Assert.Equal(w, b.Weight.ToArray<float>());
    }

    [NativeFact]
    public void BatchNorm2d_Train_UsesBatchStatsAndUpdatesRunningStats_EvalUsesRunning()
    {
        using var bn = new BatchNorm2d(1, momentum: 0.1);
        double[] xs = [1, 2, 3, 4, 5, 6, 7, 10];
        using var x = Torch.FromArray(xs.Select(v => (float)v).ToArray(), 2, 1, 2, 2);
        double mean = xs.Average();
        double varBiased = xs.Average(v => (v - mean) * (v - mean));
        double varUnbiased = varBiased * xs.Length / (xs.Length - 1);
        using (var y = bn.Forward(x))
        {
            float[] got = y.ToArray<float>();
            for (int i = 0; i < xs.Length; i++)
            {
                Assert.Equal((xs[i] - mean) / Math.Sqrt(varBiased + 1e-5), got[i], 5);
            }
        }

        Assert.Equal(0.1 * mean, bn.RunningMean.ToArray<float>()[0], 5);
        Assert.Equal((0.9 * 1) + (0.1 * varUnbiased), bn.RunningVar.ToArray<float>()[0], 5);
        Assert.Equal(1L, bn.NumBatchesTracked.ToArray<long>()[0]);

        bn.Eval();
        using var e = bn.Forward(x);
        double rm = 0.1 * mean;
        double rv = (0.9 * 1) + (0.1 * varUnbiased);
        Assert.Equal((xs[0] - rm) / Math.Sqrt(rv + 1e-5), e.ToArray<float>()[0], 5);
        Assert.Equal(1L, bn.NumBatchesTracked.ToArray<long>()[0]);
    }

    [NativeFact]
    public void LoadStateDict_Strict_ThrowsListingMissingUnexpectedAndMismatched()
    {
        using var g = new Generator(1);
        using var net = new Net(g);
        using var scope = Torch.NewDisposeScope();
        var dict = net.StateDict();
        dict.Remove("head.bias");
        dict["head.weight"] = Torch.Zeros([3, 4, 1, 1]);
        dict["extra.weight"] = Torch.Zeros([1]);
        var ex = Assert.Throws<SchemaMismatchException>(() => net.LoadStateDict(dict));
        Assert.Contains("head.bias", ex.Message, StringComparison.Ordinal);
        Assert.Contains("extra.weight", ex.Message, StringComparison.Ordinal);
        Assert.Contains("head.weight: module [2, 4, 1, 1], dict [3, 4, 1, 1]", ex.Message, StringComparison.Ordinal);

        var report = net.LoadStateDict(dict, strict: false);
        Assert.Equal(["head.bias"], report.MissingKeys);
        Assert.Equal(["extra.weight"], report.UnexpectedKeys);
        Assert.Single(report.ShapeMismatches);
        Assert.Equal(7, report.LoadedKeys.Count);
    }

    [NativeFact]
    public void LoadStateDict_CopiesValuesIntoModule()
    {
        using var g1 = new Generator(1);
        using var g2 = new Generator(2);
        using var a = new Net(g1);
        using var b = new Net(g2);
        using (Torch.NewDisposeScope())
        {
            var report = b.LoadStateDict(a.StateDict());
            Assert.True(report.IsExact);
        }

        Assert.Equal(a.Head.Weight.ToArray<float>(), b.Head.Weight.ToArray<float>());
        Assert.True(b.Head.Weight.RequiresGrad);
    }

    [NativeFact]
    public void SaveLoad_RoundTripsThroughSafeTensors()
    {
        string dir = RepoPaths.NewTempDir();
        try
        {
            using var g1 = new Generator(1);
            using var g2 = new Generator(2);
            using var a = new Net(g1);
            using var b = new Net(g2);
            using (var x = Torch.Randn([2, 1, 8, 8], g1))
            using (a.Forward(x))
            {
                // one training step moves the running statistics away from their defaults
            }

            string path = Path.Combine(dir, "net.safetensors");
            a.Save(path);
            b.Load(path);
            using var scope = Torch.NewDisposeScope();
            var sa = a.StateDict();
            var sb = b.StateDict();
            foreach (var (k, v) in sa)
            {
                Assert.True(v.AllClose(sb[k], 0, 0), k);
            }
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [NativeFact]
    public void RequiresGrad_OnSubmodule_FreezesOnlyIt()
    {
        using var g = new Generator(1);
        using var net = new Net(g);
        net.GetSubmodule("encoder").RequiresGrad_(false);
        Assert.All(net.NamedParameters(), p => Assert.Equal(p.Key.StartsWith("head", StringComparison.Ordinal), p.Value.RequiresGrad));
        using var x = Torch.Randn([1, 1, 4, 4], g);
        using var y = net.Forward(x);
        using var loss = y.Sum();
        loss.Backward();
        Assert.Null(net.Encoder[0] is Conv2d c ? c.Weight.Grad : null);
        using var hg = net.Head.Weight.Grad;
        Assert.NotNull(hg);
    }

    [NativeFact]
    public void TrainEval_PropagatesToChildren_DropoutIsIdentityInEval()
    {
        using var seq = new Sequential(new Dropout(0.5), new Sigmoid());
        seq.Eval();
        Assert.All(seq.NamedModules(), m => Assert.False(m.Value.IsTraining));
        using var x = Torch.Ones([100]);
        using var y = seq.Forward(x);
        Assert.All(y.ToArray<float>(), v => Assert.Equal(1 / (1 + Math.Exp(-1)), v, 6));
        seq.Train();
        Assert.True(seq[0].IsTraining);
    }

    [NativeFact]
    public void Dropout_WithGenerator_MaskIsAFunctionOfTheStreamAndKeepsTheExpectation()
    {
        float[] Draw(long seed, long globalSeed)
        {
            using var g = new Generator(seed);
            using var layer = new Dropout(0.3, g);
            Torch.ManualSeed(globalSeed); // the global generator must not matter
            using var x = Torch.Ones([20000]);
            using var y = layer.Forward(x);
            return y.ToArray<float>();
        }

        float[] a = Draw(7, 1);
        Assert.Equal(a, Draw(7, 2));
        Assert.NotEqual(a, Draw(8, 1));

        // Kept elements are scaled by 1/(1 − p); the kept fraction is 0.7 within 4 binomial standard deviations.
        float scaled = 1f / 0.7f;
        Assert.All(a, v => Assert.True(v == 0 || Math.Abs(v - scaled) < 1e-6, $"value {v}"));
        double kept = a.Count(v => v != 0) / (double)a.Length;
        Assert.InRange(kept, 0.7 - (4 * Math.Sqrt(0.21 / a.Length)), 0.7 + (4 * Math.Sqrt(0.21 / a.Length)));

        // Gradients flow through the mask: d(sum y)/dx = mask / (1 − p).
        using var g2 = new Generator(7);
        using var w = Torch.Ones([20000]);
        w.RequiresGrad = true;
        using (var y = Functional.Dropout(w, 0.3, training: true, generator: g2))
        using (var s = y.Sum())
        {
            s.Backward();
        }

        using var grad = w.Grad!;
        Assert.Equal(a, grad.ToArray<float>());
    }

    [NativeFact]
    public void ModuleList_NamesChildrenByIndex_UnknownPathThrows()
    {
        using var list = new ModuleList<Module>(new ReLU());
        Assert.Equal("0", list.NamedChildren().Single().Key);
        Assert.Throws<ArgumentException>(() => list.GetSubmodule("1"));
    }

    [NativeFact]
    public void Upsample_Bilinear_DoublesSize_ConvTranspose_HasWeightInOutLayout()
    {
        using var up = new Upsample(2, InterpolationMode.Bilinear);
        using var x = Torch.Ones([1, 3, 4, 5]);
        using var y = up.Forward(x);
        Assert.Equal([1L, 3, 8, 10], y.Shape);
        using var g = new Generator(3);
        using var ct = new ConvTranspose2d(3, 6, (2, 2), stride: (2, 2), generator: g);
        Assert.Equal([3L, 6, 2, 2], ct.Weight.Shape);
        using var z = ct.Forward(x);
        Assert.Equal([1L, 6, 8, 10], z.Shape);
        using var pool = new MaxPool2d(2);
        using var p = pool.Forward(z);
        Assert.Equal([1L, 6, 4, 5], p.Shape);
    }
}
