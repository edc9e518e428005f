using MLSeg.Torch.Native;

namespace MLSeg.Torch;

// Element-wise arithmetic, comparisons, activations and reductions. Broadcasting follows libtorch.
public sealed unsafe partial class Tensor
{
    /// <summary>this + alpha·other.</summary>
    public Tensor Add(Tensor other, double alpha = 1) => FromResult(NativeMethods.mlseg_add(Handle, other.Handle, alpha, out var h), h, "add", this, other);

    /// <summary>this − alpha·other.</summary>
    public Tensor Sub(Tensor other, double alpha = 1) => FromResult(NativeMethods.mlseg_sub(Handle, other.Handle, alpha, out var h), h, "sub", this, other);

    /// <summary>Element-wise product.</summary>
    public Tensor Mul(Tensor other) => Binary(NativeMethods.mlseg_mul, other, "mul");

    /// <summary>Element-wise quotient.</summary>
    public Tensor Div(Tensor other) => Binary(NativeMethods.mlseg_div, other, "div");

    /// <summary>Element-wise power.</summary>
    public Tensor Pow(Tensor exponent) => Binary(NativeMethods.mlseg_pow, exponent, "pow");

    /// <summary>Element-wise maximum.</summary>
    public Tensor Maximum(Tensor other) => Binary(NativeMethods.mlseg_maximum, other, "maximum");

    /// <summary>Element-wise minimum.</summary>
    public Tensor Minimum(Tensor other) => Binary(NativeMethods.mlseg_minimum, other, "minimum");

    /// <summary>Matrix product with PyTorch's batching/broadcasting rules.</summary>
    public Tensor MatMul(Tensor other) => Binary(NativeMethods.mlseg_matmul, other, "matmul");

    /// <summary>this + s.</summary>
    public Tensor Add(double s) => Scalar(NativeMethods.mlseg_add_scalar, s, "add");

    /// <summary>this − s.</summary>
    public Tensor Sub(double s) => Scalar(NativeMethods.mlseg_add_scalar, -s, "sub");

    /// <summary>this · s.</summary>
    public Tensor Mul(double s) => Scalar(NativeMethods.mlseg_mul_scalar, s, "mul");

    /// <summary>this / s.</summary>
    public Tensor Div(double s) => Scalar(NativeMethods.mlseg_div_scalar, s, "div");

    /// <summary>this ^ s.</summary>
    public Tensor Pow(double s) => Scalar(NativeMethods.mlseg_pow_scalar, s, "pow");

    /// <summary>s − this.</summary>
    public Tensor RSub(double s) => Scalar(NativeMethods.mlseg_rsub_scalar, s, "rsub");

    /// <summary>Element-wise equality (bool tensor).</summary>
    public Tensor Eq(Tensor other) => Binary(NativeMethods.mlseg_eq, other, "eq");

    /// <summary>Element-wise inequality.</summary>
    public Tensor Ne(Tensor other) => Binary(NativeMethods.mlseg_ne, other, "ne");

    /// <summary>Element-wise less-than.</summary>
    public Tensor Lt(Tensor other) => Binary(NativeMethods.mlseg_lt, other, "lt");

    /// <summary>Element-wise less-or-equal.</summary>
    public Tensor Le(Tensor other) => Binary(NativeMethods.mlseg_le, other, "le");

    /// <summary>Element-wise greater-than.</summary>
    public Tensor Gt(Tensor other) => Binary(NativeMethods.mlseg_gt, other, "gt");

    /// <summary>Element-wise greater-or-equal.</summary>
    public Tensor Ge(Tensor other) => Binary(NativeMethods.mlseg_ge, other, "ge");

    /// <summary>Element-wise equality with a scalar.</summary>
    public Tensor Eq(double s) => Scalar(NativeMethods.mlseg_eq_scalar, s, "eq");

    /// <summary>Element-wise inequality with a scalar.</summary>
    public Tensor Ne(double s) => Scalar(NativeMethods.mlseg_ne_scalar, s, "ne");

    /// <summary>Element-wise less-than a scalar.</summary>
    public Tensor Lt(double s) => Scalar(NativeMethods.mlseg_lt_scalar, s, "lt");

    /// <summary>Element-wise less-or-equal a scalar.</summary>
    public Tensor Le(double s) => Scalar(NativeMethods.mlseg_le_scalar, s, "le");

    /// <summary>Element-wise greater-than a scalar.</summary>
    public Tensor Gt(double s) => Scalar(NativeMethods.mlseg_gt_scalar, s, "gt");

    /// <summary>Element-wise greater-or-equal a scalar.</summary>
    public Tensor Ge(double s) => Scalar(NativeMethods.mlseg_ge_scalar, s, "ge");

    /// <summary>Logical and of two bool tensors.</summary>
    public Tensor LogicalAnd(Tensor other) => Binary(NativeMethods.mlseg_logical_and, other, "logical_and");

    /// <summary>Logical or of two bool tensors.</summary>
    public Tensor LogicalOr(Tensor other) => Binary(NativeMethods.mlseg_logical_or, other, "logical_or");

    /// <summary>Logical not.</summary>
    public Tensor LogicalNot() => Unary(NativeMethods.mlseg_logical_not, "logical_not");

    /// <summary>−this.</summary>
    public Tensor Neg() => Unary(NativeMethods.mlseg_neg, "neg");

    /// <summary>|this|.</summary>
    public Tensor Abs() => Unary(NativeMethods.mlseg_abs, "abs");

    /// <summary>e^this.</summary>
    public Tensor Exp() => Unary(NativeMethods.mlseg_exp, "exp");

    /// <summary>Natural logarithm.</summary>
    public Tensor Log() => Unary(NativeMethods.mlseg_log, "log");

    /// <summary>Square root.</summary>
    public Tensor Sqrt() => Unary(NativeMethods.mlseg_sqrt, "sqrt");

    /// <summary>this².</summary>
    public Tensor Square() => Unary(NativeMethods.mlseg_square, "square");

    /// <summary>Sign (−1, 0, 1).</summary>
    public Tensor Sign() => Unary(NativeMethods.mlseg_sign, "sign");

    /// <summary>Round down.</summary>
    public Tensor Floor() => Unary(NativeMethods.mlseg_floor, "floor");

    /// <summary>Round half to even.</summary>
    public Tensor Round() => Unary(NativeMethods.mlseg_round, "round");

    /// <summary>Whether each element is finite.</summary>
    public Tensor IsFinite() => Unary(NativeMethods.mlseg_isfinite, "isfinite");

    /// <summary>max(0, x).</summary>
    public Tensor Relu() => Unary(NativeMethods.mlseg_relu, "relu");

    /// <summary>x for x ≥ 0, slope·x otherwise.</summary>
    public Tensor LeakyRelu(double negativeSlope = 0.01) => Scalar(NativeMethods.mlseg_leaky_relu, negativeSlope, "leaky_relu");

    /// <summary>Logistic sigmoid.</summary>
    public Tensor Sigmoid() => Unary(NativeMethods.mlseg_sigmoid, "sigmoid");

    /// <summary>Hyperbolic tangent.</summary>
    public Tensor Tanh() => Unary(NativeMethods.mlseg_tanh, "tanh");

    /// <summary>Gaussian error linear unit (exact erf form).</summary>
    public Tensor Gelu() => Unary(NativeMethods.mlseg_gelu, "gelu");

    /// <summary>Clamps to [min, max]; a null bound is open.</summary>
    public Tensor Clamp(double? min = null, double? max = null) =>
        FromResult(NativeMethods.mlseg_clamp(Handle, min.HasValue ? 1 : 0, min ?? 0, max.HasValue ? 1 : 0, max ?? 0, out var h), h, "clamp", this);

    /// <summary>Softmax along <paramref name="dim"/>.</summary>
    public Tensor Softmax(long dim) => FromResult(NativeMethods.mlseg_softmax(Handle, dim, out var h), h, "softmax", this);

    /// <summary>Log-softmax along <paramref name="dim"/>.</summary>
    public Tensor LogSoftmax(long dim) => FromResult(NativeMethods.mlseg_log_softmax(Handle, dim, out var h), h, "log_softmax", this);

    /// <summary>Sum over <paramref name="dims"/> (all elements when none are given).</summary>
    public Tensor Sum(ReadOnlySpan<long> dims = default, bool keepDim = false) => Reduce(NativeMethods.mlseg_sum, dims, keepDim, "sum");

    /// <summary>Mean over <paramref name="dims"/> (all elements when none are given).</summary>
    public Tensor Mean(ReadOnlySpan<long> dims = default, bool keepDim = false) => Reduce(NativeMethods.mlseg_mean, dims, keepDim, "mean");

    /// <summary>Standard deviation (unbiased, n−1, unless <paramref name="unbiased"/> is false).</summary>
    public unsafe Tensor Std(ReadOnlySpan<long> dims = default, bool unbiased = true, bool keepDim = false)
    {
        fixed (long* p = dims)
        {
            return FromResult(NativeMethods.mlseg_std(Handle, p, dims.Length, unbiased ? 1 : 0, keepDim ? 1 : 0, out var h), h, "std", this);
        }
    }

    /// <summary>Largest element.</summary>
    public Tensor Max() => Unary(NativeMethods.mlseg_max_all, "max");

    /// <summary>Smallest element.</summary>
    public Tensor Min() => Unary(NativeMethods.mlseg_min_all, "min");

    /// <summary>Largest values along <paramref name="dim"/> and their indices.</summary>
    public (Tensor Values, Tensor Indices) Max(long dim, bool keepDim = false)
    {
        NativeStatus.Check(NativeMethods.mlseg_max_dim(Handle, dim, keepDim ? 1 : 0, out var v, out var i), "max", this);
        return (new Tensor(v), new Tensor(i));
    }

    /// <summary>Index of the largest value along <paramref name="dim"/>.</summary>
    public Tensor ArgMax(long dim, bool keepDim = false) => FromResult(NativeMethods.mlseg_argmax(Handle, dim, keepDim ? 1 : 0, out var h), h, "argmax", this);

    /// <summary>Whether all elements are within atol + rtol·|other| of <paramref name="other"/>.</summary>
    public bool AllClose(Tensor other, double rtol = 1e-5, double atol = 1e-8)
    {
        NativeStatus.Check(NativeMethods.mlseg_all_close(Handle, other.Handle, rtol, atol, out int r), "allclose", this, other);
        return r != 0;
    }

    /// <summary>Element-wise sum.</summary>
    public static Tensor operator +(Tensor a, Tensor b) => a.Add(b);

    /// <summary>Element-wise difference.</summary>
    public static Tensor operator -(Tensor a, Tensor b) => a.Sub(b);

    /// <summary>Element-wise product.</summary>
    public static Tensor operator *(Tensor a, Tensor b) => a.Mul(b);

    /// <summary>Element-wise quotient.</summary>
    public static Tensor operator /(Tensor a, Tensor b) => a.Div(b);

    /// <summary>Tensor plus scalar.</summary>
    public static Tensor operator +(Tensor a, double s) => a.Add(s);

    /// <summary>Tensor minus scalar.</summary>
    public static Tensor operator -(Tensor a, double s) => a.Sub(s);

    /// <summary>Scalar minus tensor.</summary>
    public static Tensor operator -(double s, Tensor a) => a.RSub(s);

    /// <summary>Tensor times scalar.</summary>
    public static Tensor operator *(Tensor a, double s) => a.Mul(s);

    /// <summary>Scalar times tensor.</summary>
    public static Tensor operator *(double s, Tensor a) => a.Mul(s);

    /// <summary>Tensor over scalar.</summary>
    public static Tensor operator /(Tensor a, double s) => a.Div(s);

    /// <summary>Negation.</summary>
    public static Tensor operator -(Tensor a) => a.Neg();

    private unsafe delegate int ReduceFn(TensorHandle a, long* dims, int n, int keepdim, out TensorHandle result);

    private unsafe Tensor Reduce(ReduceFn fn, ReadOnlySpan<long> dims, bool keepDim, string op)
    {
        fixed (long* p = dims)
        {
            return FromResult(fn(Handle, p, dims.Length, keepDim ? 1 : 0, out var h), h, op, this);
        }
    }
}
