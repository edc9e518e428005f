using MLSeg.Torch.Native;

namespace MLSeg.Torch.NN;

/// <summary>Stateless neural-network operations (PyTorch's <c>torch.nn.functional</c>). Inputs are NCHW.</summary>
public static unsafe class Functional
{
    /// <summary>2-D convolution; weight is (out, in/groups, kh, kw).</summary>
    public static Tensor Conv2d(Tensor input, Tensor weight, Tensor? bias = null, (long H, long W)? stride = null, (long H, long W)? padding = null,
        (long H, long W)? dilation = null, long groups = 1)
    {
        long* s = stackalloc long[2];
        long* p = stackalloc long[2];
        long* d = stackalloc long[2];
        Fill(s, stride ?? (1, 1));
        Fill(p, padding ?? (0, 0));
        Fill(d, dilation ?? (1, 1));
        return Tensor.FromResult(NativeMethods.mlseg_conv2d(input.Handle, weight.Handle, bias?.Handle ?? TensorHandle.Null, s, p, d, groups, out var h), h, "conv2d", input, weight, bias);
    }

    /// <summary>2-D transposed convolution; weight is (in, out/groups, kh, kw).</summary>
    public static Tensor ConvTranspose2d(Tensor input, Tensor weight, Tensor? bias = null, (long H, long W)? stride = null, (long H, long W)? padding = null,
        (long H, long W)? outputPadding = null, long groups = 1, (long H, long W)? dilation = null)
    {
        long* s = stackalloc long[2];
        long* p = stackalloc long[2];
        long* o = stackalloc long[2];
        long* d = stackalloc long[2];
        Fill(s, stride ?? (1, 1));
        Fill(p, padding ?? (0, 0));
        Fill(o, outputPadding ?? (0, 0));
        Fill(d, dilation ?? (1, 1));
        return Tensor.FromResult(NativeMethods.mlseg_conv_transpose2d(input.Handle, weight.Handle, bias?.Handle ?? TensorHandle.Null, s, p, o, groups, d, out var h), h, "conv_transpose2d", input, weight, bias);
    }

    /// <summary>x·Wᵀ + b.</summary>
    public static Tensor Linear(Tensor input, Tensor weight, Tensor? bias = null) =>
        Tensor.FromResult(NativeMethods.mlseg_linear(input.Handle, weight.Handle, bias?.Handle ?? TensorHandle.Null, out var h), h, "linear", input, weight, bias);

    /// <summary>Batch normalisation. In training mode the running statistics are updated in place with <paramref name="momentum"/>.</summary>
    public static Tensor BatchNorm(Tensor input, Tensor? runningMean, Tensor? runningVar, Tensor? weight = null, Tensor? bias = null,
        bool training = false, double momentum = 0.1, double eps = 1e-5) =>
        Tensor.FromResult(NativeMethods.mlseg_batch_norm(input.Handle, weight?.Handle ?? TensorHandle.Null, bias?.Handle ?? TensorHandle.Null,
            runningMean?.Handle ?? TensorHandle.Null, runningVar?.Handle ?? TensorHandle.Null, training ? 1 : 0, momentum, eps, out var h), h, "batch_norm", input, weight);

    /// <summary>Group normalisation over <paramref name="numGroups"/> channel groups.</summary>
    public static Tensor GroupNorm(Tensor input, long numGroups, Tensor? weight = null, Tensor? bias = null, double eps = 1e-5) =>
        Tensor.FromResult(NativeMethods.mlseg_group_norm(input.Handle, numGroups, weight?.Handle ?? TensorHandle.Null, bias?.Handle ?? TensorHandle.Null, eps, out var h), h,
            $"group_norm(groups={numGroups})", input, weight);

    /// <summary>Max pooling; stride defaults to the kernel size.</summary>
    public static Tensor MaxPool2d(Tensor input, (long H, long W) kernel, (long H, long W)? stride = null, (long H, long W)? padding = null, bool ceilMode = false)
    {
        long* k = stackalloc long[2];
        long* s = stackalloc long[2];
        long* p = stackalloc long[2];
        Fill(k, kernel);
        Fill(s, stride ?? kernel);
        Fill(p, padding ?? (0, 0));
        return Tensor.FromResult(NativeMethods.mlseg_max_pool2d(input.Handle, k, s, p, ceilMode ? 1 : 0, out var h), h, "max_pool2d", input);
    }

    /// <summary>Average pooling; stride defaults to the kernel size.</summary>
    public static Tensor AvgPool2d(Tensor input, (long H, long W) kernel, (long H, long W)? stride = null, (long H, long W)? padding = null,
        bool ceilMode = false, bool countIncludePad = true)
    {
        long* k = stackalloc long[2];
        long* s = stackalloc long[2];
        long* p = stackalloc long[2];
        Fill(k, kernel);
        Fill(s, stride ?? kernel);
        Fill(p, padding ?? (0, 0));
        return Tensor.FromResult(NativeMethods.mlseg_avg_pool2d(input.Handle, k, s, p, ceilMode ? 1 : 0, countIncludePad ? 1 : 0, out var h), h, "avg_pool2d", input);
    }

    /// <summary>Average pooling to a fixed output size.</summary>
    public static Tensor AdaptiveAvgPool2d(Tensor input, (long H, long W) outputSize)
    {
        long* o = stackalloc long[2];
        Fill(o, outputSize);
        return Tensor.FromResult(NativeMethods.mlseg_adaptive_avg_pool2d(input.Handle, o, out var h), h, "adaptive_avg_pool2d", input);
    }

    /// <summary>Resamples the last two dimensions to <paramref name="size"/>.</summary>
    public static Tensor Interpolate(Tensor input, (long H, long W) size, InterpolationMode mode = InterpolationMode.Nearest, bool alignCorners = false)
    {
        long* o = stackalloc long[2];
        Fill(o, size);
        return Tensor.FromResult(NativeMethods.mlseg_interpolate(input.Handle, o, (int)mode, alignCorners ? 1 : 0, out var h), h, $"interpolate({mode})", input);
    }

    /// <summary>Pads the last two dimensions by (left, right, top, bottom).</summary>
    public static Tensor Pad(Tensor input, (long Left, long Right, long Top, long Bottom) pads, PaddingMode mode = PaddingMode.Constant, double value = 0)
    {
        long* p = stackalloc long[4];
        p[0] = pads.Left;
        p[1] = pads.Right;
        p[2] = pads.Top;
        p[3] = pads.Bottom;
        return Tensor.FromResult(NativeMethods.mlseg_pad2d(input.Handle, p, (int)mode, value, out var h), h, $"pad({mode})", input);
    }

    /// <summary>
    /// Zeroes elements with probability <paramref name="p"/> and scales the rest by 1/(1−p) in training mode. With a
    /// <paramref name="generator"/>, the keep mask is drawn from it (uniform draws ≥ p are kept), so the drop pattern is
    /// a function of that stream alone — reproducible when several models train at once in one process; without one,
    /// libtorch's dropout draws from its process-global generator.
    /// </summary>
    public static Tensor Dropout(Tensor input, double p = 0.5, bool training = true, Generator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (p is < 0 or > 1 || double.IsNaN(p))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "Dropout probability must be in [0, 1].");
        }

        if (generator is null || !training || p == 0)
        {
            return Tensor.FromResult(NativeMethods.mlseg_dropout(input.Handle, p, training ? 1 : 0, out var h), h, "dropout", input);
        }

        if (p == 1)
        {
            return input.Mul(0.0);
        }

        using Tensor uniform = Torch.Rand(input.Shape, generator, input.Dtype, input.Device);
        using Tensor keep = uniform.Ge(p);
        using Tensor mask = keep.To(input.Dtype);
        using Tensor kept = input.Mul(mask);
        return kept.Mul(1.0 / (1.0 - p));
    }

    /// <summary>Cross-entropy of logits (N, C, …) against int64 class indices (N, …).</summary>
    public static Tensor CrossEntropy(Tensor input, Tensor target, Tensor? weight = null, Reduction reduction = Reduction.Mean, long ignoreIndex = -100,
        double labelSmoothing = 0) =>
        Tensor.FromResult(NativeMethods.mlseg_cross_entropy(input.Handle, target.Handle, weight?.Handle ?? TensorHandle.Null, (int)reduction, ignoreIndex, labelSmoothing, out var h), h,
            "cross_entropy", input, target, weight);

    /// <summary>Negative log-likelihood of log-probabilities (N, C, …) against class indices.</summary>
    public static Tensor NllLoss(Tensor input, Tensor target, Tensor? weight = null, Reduction reduction = Reduction.Mean, long ignoreIndex = -100) =>
        Tensor.FromResult(NativeMethods.mlseg_nll_loss(input.Handle, target.Handle, weight?.Handle ?? TensorHandle.Null, (int)reduction, ignoreIndex, out var h), h, "nll_loss", input, target);

    /// <summary>Binary cross-entropy of logits against targets in [0, 1].</summary>
    public static Tensor BinaryCrossEntropyWithLogits(Tensor input, Tensor target, Tensor? weight = null, Tensor? posWeight = null, Reduction reduction = Reduction.Mean) =>
        Tensor.FromResult(NativeMethods.mlseg_bce_with_logits(input.Handle, target.Handle, weight?.Handle ?? TensorHandle.Null, posWeight?.Handle ?? TensorHandle.Null,
            (int)reduction, out var h), h, "binary_cross_entropy_with_logits", input, target);

    /// <summary>Mean squared error.</summary>
    public static Tensor MseLoss(Tensor input, Tensor target, Reduction reduction = Reduction.Mean) =>
        Tensor.FromResult(NativeMethods.mlseg_mse_loss(input.Handle, target.Handle, (int)reduction, out var h), h, "mse_loss", input, target);

    /// <summary>
    /// Soft Dice loss of logits (N, C, H, W) against int64 class indices (N, H, W): 1 − mean over the selected classes
    /// of (2·Σ p·g + ε) / (Σ p + Σ g + ε), with p = softmax probabilities and g the one-hot truth, sums over the batch
    /// and pixels (the "batch Dice" form, stable for images where a class is absent). Written on tensor ops so
    /// autograd differentiates it.
    /// </summary>
    /// <param name="logits">Raw scores (N, C, H, W).</param>
    /// <param name="target">Class indices (N, H, W), int64.</param>
    /// <param name="includeBackground">Whether class 0 counts in the mean.</param>
    /// <param name="smooth">ε, added to numerator and denominator.</param>
    public static Tensor SoftDiceLoss(Tensor logits, Tensor target, bool includeBackground = false, double smooth = 1e-5)
    {
        long[] shape = logits.Shape;
        if (shape.Length != 4)
        {
            throw new ArgumentException($"Soft Dice expects logits (N, C, H, W); got {logits.Describe()}.", nameof(logits));
        }

        long classes = shape[1];
        if (!includeBackground && classes < 2)
        {
            throw new ArgumentException("Soft Dice without background needs at least 2 classes.", nameof(logits));
        }

        using var probs = logits.Softmax(1);
        using var oneHotLast = target.OneHot(classes);
        using var oneHot = oneHotLast.Permute(0, 3, 1, 2);
        using var truth = oneHot.To(probs.Dtype);
        long[] dims = [0, 2, 3];
        using var product = probs.Mul(truth);
        using var intersection = product.Sum(dims);
        using var probSum = probs.Sum(dims);
        using var truthSum = truth.Sum(dims);
        using var numerator0 = intersection.Mul(2.0);
        using var numerator = numerator0.Add(smooth);
        using var denominator0 = probSum.Add(truthSum);
        using var denominator = denominator0.Add(smooth);
        using var dice = numerator.Div(denominator);
        using var selected = includeBackground ? dice.Alias() : dice.Slice(0, 1, classes);
        using var mean = selected.Mean();
        return mean.RSub(1.0);
    }

    private static void Fill(long* dst, (long A, long B) pair)
    {
        dst[0] = pair.A;
        dst[1] = pair.B;
    }
}
