using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using MLSeg.Core.Imaging;
using MLSeg.Core.Randomness;
using MLSeg.Models.Contracts;
using MLSeg.Models.Engine;
using MLSeg.Training.FineTuning;
using MLSeg.Training.Heads;
using TorchSharp;
using static TorchSharp.torch;

namespace MLSeg.Training.Pretraining;

/// <summary>
/// The <c>jigsaw</c> strategy (Noroozi &amp; Favaro 2016): each image is cut into a 3×3 grid of cells; from every cell
/// a tile of <see cref="JigsawOptions.TileSize"/> is taken at a random offset (random gaps and jitter, so edges do not
/// give the answer), each tile has its mean subtracted (so brightness does not either), the tiles are shuffled by a
/// permutation drawn from a <see cref="JigsawPermutationSet"/>, and the shared tile encoder plus a
/// <see cref="JigsawHead"/> are trained with cross-entropy to name the permutation. The encoder transfers.
/// </summary>
public sealed class JigsawPretrainer : IDisposable
{
    private readonly Encoder encoder;
    private readonly PretrainingOptions options;
    private readonly JigsawOptions jigsaw;
    private readonly IProgress<TrainingProgress>? progress;

    /// <summary>Creates the pretrainer, its permutation set and head (both seeded from the options).</summary>
    public JigsawPretrainer(Encoder encoder, PretrainingOptions options, JigsawOptions? jigsaw = null, IProgress<TrainingProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(options);
        this.jigsaw = jigsaw ?? new JigsawOptions();
        this.jigsaw.Validate();
        if (this.jigsaw.TileSize % encoder.RequiredDivisor != 0)
        {
            throw new ArgumentException($"Jigsaw tile size {this.jigsaw.TileSize} is not divisible by the encoder's divisor {encoder.RequiredDivisor}.", nameof(jigsaw));
        }

        this.encoder = encoder;
        this.options = options;
        this.progress = progress;
        Permutations = JigsawPermutationSet.Generate(this.jigsaw.PermutationCount, options.Seed.Derive("jigsaw-permutations").ToInt32());
        using Generator g = SeededGenerators.Create(options.Seed.Derive("jigsaw-head"));
        Head = new JigsawHead(encoder.BottleneckChannels, this.jigsaw.PermutationCount, this.jigsaw.HiddenUnits, g);
    }

    /// <summary>The permutation set (the classifier's classes).</summary>
    public JigsawPermutationSet Permutations { get; }

    /// <summary>The permutation classifier (owned).</summary>
    public JigsawHead Head { get; }

    /// <summary>Trains on <paramref name="images"/> (same size; each side at least 3 tiles plus room for jitter).</summary>
    /// <exception cref="TrainingDataException">No images, mixed sizes, or images too small for the tiles.</exception>
    public PretrainingResult Train(IReadOnlyList<Image2D> images, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(images);
        PretrainingChecks.Images(images, encoder, "jigsaw source", requiredDivisor: 1);
        int cell = Math.Min(images[0].Height, images[0].Width) / 3;
        if (jigsaw.TileSize >= cell)
        {
            throw new TrainingDataException(
                $"jigsaw source images are {images[0].Height}x{images[0].Width} (cells of {cell} px); tile size {jigsaw.TileSize} must be smaller than a cell so tiles can have gaps and jitter.");
        }

        encoder.to(options.Device);
        Head.to(options.Device);
        encoder.train();
        Head.train();
        var result = PretrainLoop.Run("jigsaw", encoder.parameters().Concat(Head.parameters()), images.Count, (batch, seed) =>
        {
            var (tiles, labels) = MakePuzzles(batch.Select(i => images[i]).ToList(), seed);
            Tensor x = torch.tensor(tiles, [batch.Length * 9L, images[0].Channels, jigsaw.TileSize, jigsaw.TileSize], device: options.Device);
            Tensor y = torch.tensor(labels, device: options.Device);
            Tensor logits = Head.forward(encoder.forward(x)[^1]);
            return nn.functional.cross_entropy(logits, y);
        }, options, progress, cancellationToken);
        encoder.eval();
        Head.eval();
        return result;
    }

    /// <summary>
    /// Builds one puzzle per image: tiles (N·9, C, t, t) flattened row-major, puzzle position j of image n holding the
    /// tile of cell <c>perm[j]</c>, and the permutation index of each image.
    /// </summary>
    public (float[] Tiles, long[] Labels) MakePuzzles(IReadOnlyList<Image2D> images, SeedSource seed)
    {
        ArgumentNullException.ThrowIfNull(images);
        int t = jigsaw.TileSize;
        int channels = images[0].Channels;
        var tiles = new float[images.Count * 9L * channels * t * t];
        var labels = new long[images.Count];
        for (int n = 0; n < images.Count; n++)
        {
            Image2D img = images[n];
            int cellH = img.Height / 3;
            int cellW = img.Width / 3;
            var rng = seed.Derive(n).CreateRandom();
            int permIndex = rng.Next(Permutations.Count);
            labels[n] = permIndex;
            ReadOnlySpan<byte> perm = Permutations[permIndex];
            for (int j = 0; j < 9; j++)
            {
                int sourceCell = perm[j];
                int oy = ((sourceCell / 3) * cellH) + rng.Next(cellH - t + 1);
                int ox = ((sourceCell % 3) * cellW) + rng.Next(cellW - t + 1);
                for (int c = 0; c < channels; c++)
                {
                    Span<float> dst = tiles.AsSpan((int)((((n * 9L) + j) * channels + c) * t * t), t * t);
                    ReadOnlySpan<float> plane = img.Channel(c);
                    for (int y = 0; y < t; y++)
                    {
                        plane.Slice(((oy + y) * img.Width) + ox, t).CopyTo(dst.Slice(y * t, t));
                    }

                    float mean = TensorPrimitives.Sum<float>(dst) / dst.Length;
                    TensorPrimitives.Subtract(dst, mean, dst);
                }
            }
        }

        return (tiles, labels);
    }

    /// <inheritdoc />
    public void Dispose() => Head.Dispose();
}
