using MLSeg.Torch;

namespace MLSeg.Models.ResNet;

/// <summary>torchvision's ResNet initialisation: convolutions N(0, 2 / fan_out) (Kaiming normal, fan-out mode, ReLU gain).</summary>
internal static class TorchvisionInit
{
    /// <summary>Redraws a convolution weight (out, in, kh, kw) from N(0, √(2 / (out·kh·kw))).</summary>
    public static void KaimingNormalFanOut(Tensor weight, Generator? generator)
    {
        long[] shape = weight.Shape;
        long fanOut = shape[0] * shape[2] * shape[3];
        using (Torch.Torch.NoGrad())
        {
            weight.Normal_(0, Math.Sqrt(2.0 / fanOut), generator);
        }
    }
}
