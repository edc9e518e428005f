namespace MLSeg.Torch.Tests;

/// <summary>Central finite differences versus autograd, in float64.</summary>
internal static class GradCheck
{
    public const double Eps = 1e-6;

    /// <summary>
    /// Compares autograd's gradient of L = Σ w·f(inputs) (w fixed random weights, so every output element matters)
    /// with (L(x+ε) − L(x−ε))/2ε for every element of every differentiable input; |Δ| ≤ tol·max(1, |fd|).
    /// </summary>
    public static void Check(string name, Func<Tensor[], Tensor> f, double tolerance, params Input[] inputs)
    {
        using var scope = Torch.NewDisposeScope();
        var rng = new Random(17);
        Tensor[] xs = inputs.Select(i => Make(i, i.Data)).ToArray();
        Tensor output = f(xs);
        double[] weights = Enumerable.Range(0, (int)output.NumEl).Select(_ => rng.NextDouble() + 0.5).ToArray();
        Tensor w = Torch.FromArray(weights, output.Shape);
        Tensor loss = output.Mul(w).Sum();
        var wrt = xs.Where((_, k) => inputs[k].Differentiable).ToList();
        Tensor?[] grads = Torch.Grad(loss, wrt);
        int gi = 0;
        for (int k = 0; k < inputs.Length; k++)
        {
            if (!inputs[k].Differentiable)
            {
                continue;
            }

            double[] analytic = grads[gi++]?.ToArray<double>() ?? new double[inputs[k].Data.Length];
            for (int e = 0; e < inputs[k].Data.Length; e++)
            {
                double plus = Evaluate(f, inputs, weights, k, e, +Eps);
                double minus = Evaluate(f, inputs, weights, k, e, -Eps);
                double numeric = (plus - minus) / (2 * Eps);
                Assert.True(Math.Abs(numeric - analytic[e]) <= tolerance * Math.Max(1, Math.Abs(numeric)),
                    $"{name}: input {k} element {e}: finite difference {numeric:R}, autograd {analytic[e]:R}");
            }
        }
    }

    private static double Evaluate(Func<Tensor[], Tensor> f, Input[] inputs, double[] weights, int which, int element, double delta)
    {
        using var scope = Torch.NewDisposeScope();
        using var noGrad = Torch.NoGrad();
        var xs = new Tensor[inputs.Length];
        for (int k = 0; k < inputs.Length; k++)
        {
            double[] data = inputs[k].Data;
            if (k == which)
            {
                data = (double[])data.Clone();
                data[element] += delta;
            }

            xs[k] = Make(inputs[k], data);
        }

        Tensor output = f(xs);
        Tensor w = Torch.FromArray(weights, output.Shape);
        return output.Mul(w).Sum().Item();
    }

    private static Tensor Make(Input input, double[] data)
    {
        Tensor t = Torch.FromArray(data, input.Shape);
        if (input.AsInt64)
        {
            return t.To(ScalarType.Int64);
        }

        t.RequiresGrad = input.Differentiable;
        return t;
    }

    /// <summary>A float64 input (or an int64 one when <paramref name="AsInt64"/>, never differentiated).</summary>
    public sealed record Input(double[] Data, long[] Shape, bool Differentiable = true, bool AsInt64 = false)
    {
        public static Input Random(int seed, params long[] shape)
        {
            var rng = new Random(seed);
            long n = shape.Aggregate(1L, (a, b) => a * b);
            return new Input(Enumerable.Range(0, (int)n).Select(_ => (rng.NextDouble() * 2) - 1).ToArray(), shape);
        }

        public static Input Labels(long[] values, params long[] shape) => new(values.Select(v => (double)v).ToArray(), shape, false, true);

        public static Input Constant(double[] values, params long[] shape) => new(values, shape, false);
    }
}
