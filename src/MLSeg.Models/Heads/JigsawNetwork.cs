using MLSeg.Models.Contracts;
using MLSeg.Models.Engine;
using MLSeg.Models.Layers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLSeg.Models.Heads;

/// <summary>
/// The jigsaw-puzzle pretext network (Noroozi and Favaro 2016): one shared tile encoder (child <c>encoder</c>) embeds
/// each tile by global average pooling of its bottleneck; the embeddings of a puzzle's tiles are concatenated in tile
/// order and a 2-layer MLP (children <c>mlp.0</c> linear, <c>mlp.1</c> ReLU, <c>mlp.2</c> linear) scores the
/// permutations. Input (N·T, C, t, t), the T tiles of each puzzle consecutive; output (N, P) permutation logits.
/// </summary>
public sealed class JigsawNetwork : nn.Module<Tensor, Tensor>
{
    /// <summary>Children and parameters are registered explicitly under PyTorch's names; no registration by field reflection.</summary>
    protected override void RegisterComponents()
    {
    }

    private readonly Encoder encoder;
    private readonly Sequential mlp;

    /// <summary>Wraps <paramref name="tileEncoder"/>, which the network takes ownership of and disposes.</summary>
    /// <param name="tileEncoder">The encoder applied to every tile (tile size must be a multiple of its RequiredDivisor).</param>
    /// <param name="numPermutations">Permutation classes P (≥ 2).</param>
    /// <param name="numTiles">Tiles per puzzle T (≥ 2; 9 for a 3×3 grid).</param>
    /// <param name="hiddenFeatures">Width of the MLP's hidden layer (≥ 1).</param>
    /// <param name="generator">Initialisation stream of the MLP (the global one when null).</param>
    public JigsawNetwork(Encoder tileEncoder, long numPermutations, int numTiles = 9, long hiddenFeatures = 512, Generator? generator = null)
        : base(nameof(JigsawNetwork))
    {
        ArgumentNullException.ThrowIfNull(tileEncoder);
        if (numPermutations < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(numPermutations), numPermutations, "A jigsaw task needs ≥ 2 permutation classes.");
        }

        if (numTiles < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(numTiles), numTiles, "A jigsaw puzzle needs ≥ 2 tiles.");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(hiddenFeatures);
        NumPermutations = numPermutations;
        NumTiles = numTiles;
        encoder = this.Register("encoder", tileEncoder);
        mlp = this.Register("mlp", nn.Sequential(
            new LinearLayer(numTiles * tileEncoder.BottleneckChannels, hiddenFeatures, generator: generator),
            nn.ReLU(),
            new LinearLayer(hiddenFeatures, numPermutations, generator: generator)));
    }

    /// <summary>The shared tile encoder.</summary>
    public Encoder Encoder => encoder;

    /// <summary>Permutation classes P.</summary>
    public long NumPermutations { get; }

    /// <summary>Tiles per puzzle T.</summary>
    public int NumTiles { get; }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The batch is not a whole number of puzzles.</exception>
    public override Tensor forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        long tiles = input.dim() == 4 ? input.shape[0] : 0;
        if (tiles == 0 || tiles % NumTiles != 0)
        {
            throw new ArgumentException($"JigsawNetwork expects (N·{NumTiles}, C, t, t) tiles, puzzle by puzzle; got {input.Describe()}.", nameof(input));
        }

        using Tensor embedded = PooledFeatures.Of(encoder, input);
        using Tensor puzzles = embedded.reshape(tiles / NumTiles, NumTiles * encoder.BottleneckChannels);
        return mlp.forward(puzzles);
    }
}
