using MLSeg.Models.Layers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLSeg.Training.Heads;

/// <summary>
/// Pretraining head for the <c>jigsaw</c> strategy: the 9 tiles' pooled bottleneck features (N·9, C, h, w), in puzzle
/// order, are concatenated to (N, 9·C) and mapped by a two-layer MLP (children <c>mlp.0</c> linear, <c>mlp.1</c> ReLU,
/// <c>mlp.2</c> linear) to logits over the permutation set (N, P).
/// </summary>
public sealed class JigsawHead : nn.Module<Tensor, Tensor>
{
    private readonly Sequential mlp;

    /// <summary>Creates the head.</summary>
    /// <param name="features">Bottleneck channels C of the shared tile encoder.</param>
    /// <param name="permutations">Size P of the permutation set.</param>
    /// <param name="hidden">Hidden units of the MLP.</param>
    /// <param name="generator">Initialisation generator.</param>
    public JigsawHead(long features, long permutations, long hidden = 256, Generator? generator = null) : base(nameof(JigsawHead))
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(features);
        ArgumentOutOfRangeException.ThrowIfLessThan(permutations, 2);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(hidden);
        Features = features;
        mlp = nn.Sequential(new LinearLayer(9 * features, hidden, generator: generator), nn.ReLU(), new LinearLayer(hidden, permutations, generator: generator));
        register_module("mlp", mlp);
    }

    /// <summary>Bottleneck channels per tile.</summary>
    public long Features { get; }

    /// <summary>Permutation logits (N, P) of tile features (N·9, C, h, w).</summary>
    public override Tensor forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        long tiles = input.shape[0];
        if (tiles % 9 != 0)
        {
            throw new ArgumentException($"Jigsaw features must come in groups of 9 tiles; got {tiles}.", nameof(input));
        }

        using Tensor pooled = input.mean([2, 3]);
        using Tensor joined = pooled.reshape(tiles / 9, 9 * Features);
        return mlp.forward(joined);
    }
}
