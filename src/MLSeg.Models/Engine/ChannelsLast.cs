using TorchSharp;
using static TorchSharp.torch;

namespace MLSeg.Models.Engine;

/// <summary>
/// The channels-last (NHWC) memory format for 4-D tensors, which TorchSharp 0.107 has no API for: the logical shape stays
/// (N, C, H, W) while the strides put channels innermost, the layout cuDNN and oneDNN convolve fastest in reduced
/// precision. libtorch's convolution and normalisation kernels keep the layout of their input, so converting the
/// input batch and every 4-D weight once makes the whole network run channels-last.
/// </summary>
public static class ChannelsLast
{
    /// <summary>A copy of the 4-D <paramref name="tensor"/> with NHWC strides (same shape and values).</summary>
    public static Tensor Convert(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (tensor.dim() != 4)
        {
            throw new ArgumentException($"Channels-last applies to 4-D (N, C, H, W) tensors; got shape [{string.Join(", ", tensor.shape)}].", nameof(tensor));
        }

        using Tensor nhwc = tensor.permute(0, 2, 3, 1);
        using Tensor dense = nhwc.contiguous();
        using Tensor view = dense.permute(0, 3, 1, 2);
        return view.clone(); // clone keeps the NHWC strides and owns its storage (not a view)
    }

    /// <summary>Whether <paramref name="tensor"/> is 4-D with channels-last strides.</summary>
    public static bool Is(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (tensor.dim() != 4)
        {
            return false;
        }

        long[] shape = tensor.shape;
        long[] stride = tensor.stride();
        return stride[1] == 1 && stride[3] == shape[1] && stride[2] == shape[1] * shape[3] && stride[0] == shape[1] * shape[2] * shape[3];
    }

    /// <summary>
    /// Gives every 4-D parameter and buffer of <paramref name="module"/> NHWC strides in place (the Parameter objects stay
    /// the same but get new storage: call it before building an optimizer that lays parameters out in its own buffers,
    /// such as MLSeg's trainers' FlatAdam, which keeps the NHWC strides it finds).
    /// </summary>
    public static void Apply(nn.Module module)
    {
        ArgumentNullException.ThrowIfNull(module);
        using var scope = torch.NewDisposeScope();
        using (torch.no_grad())
        {
            foreach (var (_, p) in module.named_parameters())
            {
                if (p.dim() == 4 && !Is(p))
                {
                    p.set_(Convert(p));
                }
            }
        }
    }
}
