using MLSeg.Models.Layers;
using static TorchSharp.torch;

namespace MLSeg.Onnx.Export;

/// <summary>Folds an inference-mode BatchNorm into the convolution before it.</summary>
public static class BatchNormFolding
{
    /// <summary>
    /// Returns the weight and bias of one convolution equal to <c>bn(conv(x))</c> with running statistics:
    /// with s_c = γ_c / √(var_c + ε), w'[c, …] = w[c, …]·s_c and b'_c = (b_c − μ_c)·s_c + β_c (b = 0 without a bias). Computed in double precision, rounded once to float32.
    /// </summary>
    /// <param name="weight">Convolution weight (out, in/groups, kH, kW).</param>
    /// <param name="bias">Convolution bias (out), or null.</param>
    /// <param name="norm">The BatchNorm over the convolution's output channels.</param>
    /// <returns>The folded weight (same shape, row-major) and bias (out).</returns>
    /// <exception cref="ArgumentException">The norm's channel count differs from the convolution's output channels.</exception>
    public static (float[] Weight, float[] Bias) Fold(Tensor weight, Tensor? bias, BatchNorm2dLayer norm)
    {
        ArgumentNullException.ThrowIfNull(weight);
        ArgumentNullException.ThrowIfNull(norm);
        long outChannels = weight.shape[0];
        if (norm.NumFeatures != outChannels)
        {
            throw new ArgumentException($"BatchNorm over {norm.NumFeatures} channels cannot fold into a convolution with {outChannels} output channels.", nameof(norm));
        }

        float[] w = ModuleEmitter.ToFloats(weight);
        float[]? b = bias is null ? null : ModuleEmitter.ToFloats(bias);
        float[] gamma = ModuleEmitter.ToFloats(norm.Weight);
        float[] beta = ModuleEmitter.ToFloats(norm.Bias);
        float[] mean = ModuleEmitter.ToFloats(norm.RunningMean);
        float[] variance = ModuleEmitter.ToFloats(norm.RunningVar);

        int c = checked((int)outChannels);
        int perChannel = w.Length / c;
        var folded = new float[w.Length];
        var foldedBias = new float[c];
        for (int o = 0; o < c; o++)
        {
            double s = gamma[o] / Math.Sqrt(variance[o] + norm.Eps);
            ReadOnlySpan<float> src = w.AsSpan(o * perChannel, perChannel);
            Span<float> dst = folded.AsSpan(o * perChannel, perChannel);
            for (int i = 0; i < src.Length; i++)
            {
                dst[i] = (float)(src[i] * s);
            }

            double convBias = b is null ? 0.0 : b[o];
            foldedBias[o] = (float)(((convBias - mean[o]) * s) + beta[o]);
        }

        return (folded, foldedBias);
    }
}
