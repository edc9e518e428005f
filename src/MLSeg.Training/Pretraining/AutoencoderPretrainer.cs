using MLSeg.Core.Imaging;
using MLSeg.Core.Randomness;
using MLSeg.Models.Contracts;
using MLSeg.Models.Engine;
using MLSeg.Training.Data;
using MLSeg.Training.FineTuning;
using MLSeg.Training.Heads;
using TorchSharp;
using static TorchSharp.torch;

namespace MLSeg.Training.Pretraining;

/// <summary>
/// The <c>autoencoder</c> strategy: the encoder and a <see cref="ReconstructionDecoder"/> (no skips) are trained with
/// MSE to reconstruct unlabelled target-domain images (all training-fold images; labels unused) from an optionally
/// noised and/or patch-masked input. The encoder transfers; the decoder is discarded.
/// </summary>
public sealed class AutoencoderPretrainer : IDisposable
{
    private readonly Encoder encoder;
    private readonly PretrainingOptions options;
    private readonly AutoencoderOptions corruption;
    private readonly IProgress<TrainingProgress>? progress;

    /// <summary>Creates the pretrainer and its freshly initialised decoder (seeded from the options).</summary>
    public AutoencoderPretrainer(Encoder encoder, PretrainingOptions options, AutoencoderOptions? corruption = null, IProgress<TrainingProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(options);
        this.corruption = corruption ?? new AutoencoderOptions();
        this.corruption.Validate();
        this.encoder = encoder;
        this.options = options;
        this.progress = progress;
        using Generator g = SeededGenerators.Create(options.Seed.Derive("reconstruction-decoder"));
        Decoder = new ReconstructionDecoder(encoder.BottleneckChannels, encoder.RequiredDivisor, encoder.InChannels, g);
    }

    /// <summary>The reconstruction decoder (owned).</summary>
    public ReconstructionDecoder Decoder { get; }

    /// <summary>Trains on <paramref name="images"/> (same size, divisible by the encoder's divisor).</summary>
    /// <exception cref="TrainingDataException">No images, mixed sizes or channels.</exception>
    public PretrainingResult Train(IReadOnlyList<Image2D> images, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(images);
        PretrainingChecks.Images(images, encoder, "autoencoder source");
        encoder.to(options.Device);
        Decoder.to(options.Device);
        encoder.train();
        Decoder.train();
        var result = PretrainLoop.Run("autoencoder", encoder.parameters().Concat(Decoder.parameters()), images.Count, (batch, seed) =>
        {
            var clean = batch.Select(i => images[i]).ToList();
            Tensor target = Batcher.Images(clean, options.Device);
            Tensor input = Batcher.Images(clean.Select((img, k) => Corrupt(img, seed.Derive(k))).ToList(), options.Device);
            Tensor reconstruction = Decoder.forward(encoder.forward(input)[^1]);
            return nn.functional.mse_loss(reconstruction, target);
        }, options, progress, cancellationToken);
        encoder.eval();
        Decoder.eval();
        return result;
    }

    /// <summary>The reconstruction of one clean image (eval mode, no autograd).</summary>
    public Image2D Reconstruct(Image2D image)
    {
        ArgumentNullException.ThrowIfNull(image);
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        encoder.eval();
        Decoder.eval();
        Tensor output = Decoder.forward(encoder.forward(Batcher.Images([image], options.Device))[^1]);
        return image.WithData(output.cpu().contiguous().data<float>().ToArray());
    }

    /// <summary>The corrupted input for one image: a copy with Gaussian noise added and random patches zeroed.</summary>
    public Image2D Corrupt(Image2D image, SeedSource seed)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (corruption.NoiseStd == 0 && corruption.MaskProbability == 0)
        {
            return image;
        }

        var rng = seed.CreateRandom();
        float[] data = (float[])image.Data.Clone();
        if (corruption.NoiseStd > 0)
        {
            for (int i = 0; i < data.Length; i++)
            {
                double u1 = 1 - rng.NextDouble();
                data[i] += (float)(corruption.NoiseStd * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * rng.NextDouble()));
            }
        }

        if (corruption.MaskProbability > 0)
        {
            int p = corruption.MaskPatchSize;
            for (int y0 = 0; y0 < image.Height; y0 += p)
            {
                for (int x0 = 0; x0 < image.Width; x0 += p)
                {
                    if (rng.NextDouble() >= corruption.MaskProbability)
                    {
                        continue;
                    }

                    for (int c = 0; c < image.Channels; c++)
                    {
                        for (int y = y0; y < Math.Min(image.Height, y0 + p); y++)
                        {
                            data.AsSpan((((c * image.Height) + y) * image.Width) + x0, Math.Min(p, image.Width - x0)).Clear();
                        }
                    }
                }
            }
        }

        return image.WithData(data);
    }

    /// <inheritdoc />
    public void Dispose() => Decoder.Dispose();
}
