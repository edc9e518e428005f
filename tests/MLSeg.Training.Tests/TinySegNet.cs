using MLSeg.Models.Contracts;
using MLSeg.Torch;
using MLSeg.Torch.NN;

namespace MLSeg.Training.Tests;

/// <summary>Test-only U-shaped network: <see cref="TinyEncoder"/>, one transposed-conv up step with a skip, 1×1 head.</summary>
internal sealed class TinySegNet : SegmentationNetwork
{
    private readonly TinyEncoder encoder;
    private readonly Sequential decoderConv;
    private readonly ConvTranspose2d up;
    private readonly Conv2d head;

    public TinySegNet(long inChannels, long numClasses, long seed)
    {
        using var g = new Generator(seed);
        encoder = RegisterModule("encoder", new TinyEncoder(inChannels, g));
        var decoder = new TinyDecoder(g);
        RegisterModule("decoder", decoder);
        up = decoder.Up;
        decoderConv = decoder.Conv;
        head = RegisterModule("head", new Conv2d(8, numClasses, 1, generator: g));
        NumClasses = numClasses;
    }

    public override Encoder Encoder => encoder;

    public override long NumClasses { get; }

    /// <summary>
    /// Re-initialises the head in place. MLSeg.Torch's Module cannot replace a registered child, so this test double
    /// supports only the same class count (the Models helper owns replacing heads of other sizes).
    /// </summary>
    public override void ResetHead(long numClasses, Generator? generator = null)
    {
        if (numClasses != NumClasses)
        {
            throw new ArgumentException($"TinySegNet can only re-initialise its {NumClasses}-class head, not resize it to {numClasses}.", nameof(numClasses));
        }

        using var noGrad = Torch.Torch.NoGrad();
        Init.KaimingUniform_(head.Weight, 8, generator: generator);
        Init.FanInBias_(head.Bias!, 8, generator);
    }

    public override Tensor Forward(Tensor input)
    {
        var features = encoder.Forward(input);
        Tensor upsampled = up.Forward(features[1]);
        Tensor joined = Torch.Torch.Cat([upsampled, features[0]], 1);
        return head.Forward(decoderConv.Forward(joined));
    }

    private sealed class TinyDecoder : Module
    {
        public TinyDecoder(Generator g)
        {
            Up = RegisterModule("up", new ConvTranspose2d(16, 8, (2, 2), (2, 2), generator: g));
            Conv = RegisterModule("conv", new Sequential(new Conv2d(16, 8, 3, padding: 1, generator: g), new ReLU()));
        }

        public ConvTranspose2d Up { get; }

        public Sequential Conv { get; }
    }
}
