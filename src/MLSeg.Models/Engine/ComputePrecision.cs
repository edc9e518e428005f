using TorchSharp;
using static TorchSharp.torch;

namespace MLSeg.Models.Engine;

/// <summary>
/// Mixed precision for MLSeg's layers, in the manner of PyTorch's autocast (which TorchSharp 0.107 lacks): inside
/// <see cref="Use"/>, convolutions and linear layers (<see cref="Layers"/>) cast their input and float32 master
/// parameters to the compute type inside the op, so gradients flow back to float32 parameters; batch normalisation
/// runs on the reduced-precision activations with float32 statistics and affine parameters, group normalisation
/// computes in float32, and losses (computed by the caller after casting the logits back) stay float32.
/// </summary>
/// <remarks>The scope is per thread, so concurrent arms (<c>--jobs N</c>) each choose their own precision.</remarks>
public static class ComputePrecision
{
    [ThreadStatic]
    private static ScalarType? current;

    /// <summary>The reduced compute type in force on this thread, or null for float32.</summary>
    public static ScalarType? Current => current;

    /// <summary>Computes MLSeg's layers in <paramref name="dtype"/> (BFloat16 or Float16; Float32 or null = full precision) until disposed.</summary>
    /// <returns>A scope that restores the previous setting.</returns>
    public static IDisposable Use(ScalarType? dtype)
    {
        if (dtype is not (null or ScalarType.Float32 or ScalarType.BFloat16 or ScalarType.Float16))
        {
            throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "Compute precision must be Float32, BFloat16 or Float16.");
        }

        ScalarType? previous = current;
        current = dtype == ScalarType.Float32 ? null : dtype;
        return new Restore(previous);
    }

    /// <summary>
    /// <paramref name="tensor"/> cast to the compute type, or null when no cast is needed (no scope, already that type,
    /// or not floating point): <c>using var c = ComputePrecision.CastOrNull(x); var input = c ?? x;</c>.
    /// </summary>
    public static Tensor? CastOrNull(Tensor? tensor) =>
        current is { } dtype && tensor is not null && tensor.dtype != dtype && tensor.is_floating_point() ? tensor.to(dtype) : null;

    /// <summary><paramref name="tensor"/> as float32, or null when it already is (or is not floating point).</summary>
    public static Tensor? ToFloat32OrNull(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        return tensor.dtype is ScalarType.BFloat16 or ScalarType.Float16 ? tensor.to(ScalarType.Float32) : null;
    }

    /// <summary>
    /// The operands of a weighted op (convolution, linear) in the compute type: the input, weight and bias cast when a
    /// reduced precision is in force (the casts are freed on dispose), the originals otherwise.
    /// </summary>
    public static Operands Cast(Tensor input, Tensor weight, Tensor? bias) => new(input, weight, bias);

    /// <summary>See <see cref="Cast"/>.</summary>
    public readonly struct Operands : IDisposable
    {
        private readonly Tensor? input;
        private readonly Tensor? weight;
        private readonly Tensor? bias;

        internal Operands(Tensor input, Tensor weight, Tensor? bias)
        {
            ArgumentNullException.ThrowIfNull(input);
            ArgumentNullException.ThrowIfNull(weight);
            this.input = CastOrNull(input);
            this.weight = CastOrNull(weight);
            this.bias = CastOrNull(bias);
            Input = this.input ?? input;
            Weight = this.weight ?? weight;
            Bias = this.bias ?? bias;
        }

        /// <summary>The input in the compute type.</summary>
        public Tensor Input { get; }

        /// <summary>The weight in the compute type.</summary>
        public Tensor Weight { get; }

        /// <summary>The bias in the compute type, or null.</summary>
        public Tensor? Bias { get; }

        /// <summary>Frees the casts (never the originals).</summary>
        public void Dispose()
        {
            input?.Dispose();
            weight?.Dispose();
            bias?.Dispose();
        }
    }

    private sealed class Restore(ScalarType? previous) : IDisposable
    {
        private bool done;

        public void Dispose()
        {
            if (!done)
            {
                current = previous;
                done = true;
            }
        }
    }
}
