using MLSeg.Torch.Native;

namespace MLSeg.Torch;

// In-place updates (trailing underscore in PyTorch). They run without recording autograd history: they are for
// optimizers, initialisers and running statistics, not for differentiable computation.
public sealed partial class Tensor
{
    /// <summary>Sets every element to 0.</summary>
    public Tensor Zero_() => InPlace(NativeMethods.mlseg_zero_(Handle), "zero_");

    /// <summary>Sets every element to <paramref name="value"/>.</summary>
    public Tensor Fill_(double value) => InPlace(NativeMethods.mlseg_fill_(Handle, value), "fill_");

    /// <summary>Copies <paramref name="source"/>'s values into this tensor (broadcast, converted).</summary>
    public Tensor Copy_(Tensor source) => InPlace(NativeMethods.mlseg_copy_(Handle, source.Handle), "copy_", source);

    /// <summary>this += alpha·other.</summary>
    public Tensor Add_(Tensor other, double alpha = 1) => InPlace(NativeMethods.mlseg_add_(Handle, other.Handle, alpha), "add_", other);

    /// <summary>this += value.</summary>
    public Tensor Add_(double value) => InPlace(NativeMethods.mlseg_add_scalar_(Handle, value), "add_");

    /// <summary>this ·= other.</summary>
    public Tensor Mul_(Tensor other) => InPlace(NativeMethods.mlseg_mul_(Handle, other.Handle), "mul_", other);

    /// <summary>this ·= value.</summary>
    public Tensor Mul_(double value) => InPlace(NativeMethods.mlseg_mul_scalar_(Handle, value), "mul_");

    /// <summary>this += value·a·b.</summary>
    public Tensor AddCMul_(Tensor a, Tensor b, double value = 1) => InPlace(NativeMethods.mlseg_addcmul_(Handle, a.Handle, b.Handle, value), "addcmul_", a, b);

    /// <summary>this += value·a/b.</summary>
    public Tensor AddCDiv_(Tensor a, Tensor b, double value = 1) => InPlace(NativeMethods.mlseg_addcdiv_(Handle, a.Handle, b.Handle, value), "addcdiv_", a, b);

    /// <summary>this += weight·(end − this).</summary>
    public Tensor Lerp_(Tensor end, double weight) => InPlace(NativeMethods.mlseg_lerp_(Handle, end.Handle, weight), "lerp_", end);

    /// <summary>this = √this.</summary>
    public Tensor Sqrt_() => InPlace(NativeMethods.mlseg_sqrt_(Handle), "sqrt_");

    /// <summary>Clamps this to [lo, hi].</summary>
    public Tensor Clamp_(double lo, double hi) => InPlace(NativeMethods.mlseg_clamp_(Handle, lo, hi), "clamp_");

    /// <summary>Fills with U(low, high) draws from <paramref name="generator"/> (the global one when null).</summary>
    public Tensor Uniform_(double low, double high, Generator? generator = null) =>
        InPlace(NativeMethods.mlseg_uniform_(Handle, low, high, generator?.Handle ?? GeneratorHandle.Null), "uniform_");

    /// <summary>Fills with N(mean, std²) draws from <paramref name="generator"/> (the global one when null).</summary>
    public Tensor Normal_(double mean, double std, Generator? generator = null) =>
        InPlace(NativeMethods.mlseg_normal_(Handle, mean, std, generator?.Handle ?? GeneratorHandle.Null), "normal_");

    private Tensor InPlace(int status, string op, params Tensor[] others)
    {
        NativeStatus.Check(status, op, [this, .. others]);
        return this;
    }
}
