using MLSeg.Models.Contracts;
using MLSeg.Models.Engine;
using MLSeg.Models.Layers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLSeg.Training.Tests;

/// <summary>
/// Test-only U-shaped network: the TorchSharp-layer <see cref="TinyEncoder"/>, one transposed-conv up step with a skip
/// (MLSeg's precision-aware layers), optional <see cref="SeededDropout"/> before a 1×1 head.
/// </summary>
internal sealed class TinySegNet : SegmentationNetwork
{
    private readonly TinyEncoder encoder;
    private readonly TinyDecoder decoder;
    private Conv2dLayer head;
    private long numClasses;

    public TinySegNet(long inChannels, long numClasses, long seed, double dropout = 0) : base(nameof(TinySegNet))
    {
        using Generator g = new(unchecked((ulong)seed));
        encoder = new TinyEncoder(inChannels, g);
        decoder = new TinyDecoder(g, dropout, seed);
        head = new Conv2dLayer(8, numClasses, 1, generator: g);
        register_module("encoder", encoder);
        register_module("decoder", decoder);
        register_module("head", head);
        this.numClasses = numClasses;
    }

    public override Encoder Encoder => encoder;

    public override long NumClasses => numClasses;

    public override void ResetHead(long numClasses, Generator? generator = null)
    {
        head = new Conv2dLayer(8, numClasses, 1, generator: generator);
        ReplaceChild("head", head);
        this.numClasses = numClasses;
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = torch.NewDisposeScope();
        var features = encoder.forward(input);
        Tensor upsampled = decoder.Up.forward(features[1]);
        Tensor joined = torch.cat([upsampled, features[0]], 1);
        Tensor hidden = decoder.Conv.forward(joined);
        return scope.MoveToOuter(head.forward(decoder.Dropout?.forward(hidden) ?? hidden));
    }

    // Field names equal the registered child names: TorchSharp also registers Module-typed fields by reflection, and a
    // field named otherwise (an auto-property's backing field) would appear twice in the state dict.
    private sealed class TinyDecoder : nn.Module
    {
        private readonly ConvTranspose2dLayer up;
        private readonly Sequential conv;
        private readonly SeededDropout? dropout;

        public TinyDecoder(Generator g, double dropoutRate, long seed) : base(nameof(TinyDecoder))
        {
            up = new ConvTranspose2dLayer(16, 8, 2, 2, generator: g);
            conv = nn.Sequential(new Conv2dLayer(16, 8, 3, padding: 1, generator: g), nn.ReLU());
            register_module("up", up);
            register_module("conv", conv);
            if (dropoutRate > 0)
            {
                dropout = new SeededDropout(dropoutRate, SeededGenerators.Create(new Core.Randomness.SeedSource((ulong)seed).Derive("dropout")));
                register_module("dropout", dropout);
            }
        }

        public ConvTranspose2dLayer Up => up;

        public Sequential Conv => conv;

        public SeededDropout? Dropout => dropout;
    }
}
