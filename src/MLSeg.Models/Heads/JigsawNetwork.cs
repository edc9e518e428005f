using MLSeg.Models.Contracts;
using MLSeg.Torch;
using MLSeg.Torch.NN;

namespace MLSeg.Models.Heads;

/// <summary>
/// The jigsaw-puzzle pretext network (Noroozi and Favaro 2016): one shared tile encoder (child <c>encoder</c>) embeds
/// each tile by global average pooling of its bottleneck; the embeddings of a puzzle's tiles are concatenated in tile
/// order and a 2-layer MLP (children <c>mlp.0</c> linear, <c>mlp.1</c> ReLU, <c>mlp.2</c> linear) scores the
/// permutations. Input (N·T, C, t, t), the T tiles of each puzzle consecutive; output (N, P) permutation logits.
/// </summary>
public sealed class JigsawNetwork : Module<Tensor, Tensor>
{
    private readonly Encoder encoder;
    private readonly Sequential mlp;

    /// <summary>Wraps <paramref name="tileEncoder"/>, which the network takes ownership of and disposes.</summary>
    /// <param name="tileEncoder">The encoder applied to every tile (tile size must be a multiple of its RequiredDivisor).</param>
    /// <param name="numPermutations">Permutation classes P (≥ 2).</param>
    /// <param name="numTiles">Tiles per puzzle T (≥ 2; 9 for a 3×3 grid).</param>
    /// <param name="hiddenFeatures">Width of the MLP's hidden layer (≥ 1).</param>
    /// <param name="generator">Initialisation stream of the MLP (the global one when null).</param>
    public JigsawNetwork(Encoder tileEncoder, long numPermutations, int numTiles = 9, long hiddenFeatures = 512, Generator? generator = null)
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
        encoder = RegisterModule("encoder", tileEncoder);
        mlp = RegisterModule("mlp", new Sequential(
            new Linear(numTiles * tileEncoder.BottleneckChannels, hiddenFeatures, generator: generator),
            new ReLU(),
            new Linear(hiddenFeatures, numPermutations, generator: generator)));
    }

    /// <summary>The shared tile encoder.</summary>
    public Encoder Encoder => encoder;

    /// <summary>Permutation classes P.</summary>
    public long NumPermutations { get; }

    /// <summary>Tiles per puzzle T.</summary>
    public int NumTiles { get; }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The batch is not a whole number of puzzles.</exception>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        long tiles = input.Dim == 4 ? input.Shape[0] : 0;
        if (tiles == 0 || tiles % NumTiles != 0)
        {
            throw new ArgumentException($"JigsawNetwork expects (N·{NumTiles}, C, t, t) tiles, puzzle by puzzle; got {input.Describe()}.", nameof(input));
        }

        using Tensor embedded = PooledFeatures.Of(encoder, input);
        using Tensor puzzles = embedded.Reshape(tiles / NumTiles, NumTiles * encoder.BottleneckChannels);
        return mlp.Forward(puzzles);
    }
}
