using MLSeg.Core.Imaging;
using MLSeg.Models.Contracts;
using MLSeg.Models.Engine;
using MLSeg.Training.Data;
using MLSeg.Training.FineTuning;
using MLSeg.Training.Heads;
using TorchSharp;
using static TorchSharp.torch;

namespace MLSeg.Training.Pretraining;

/// <summary>
/// The <c>classification</c> strategy: trains an encoder with a <see cref="ClassificationHead"/> (global pool + linear)
/// by cross-entropy on labelled images; the encoder transfers, the head is discarded.
/// </summary>
public sealed class ClassificationPretrainer : IDisposable
{
    private readonly Encoder encoder;
    private readonly PretrainingOptions options;
    private readonly IProgress<TrainingProgress>? progress;

    /// <summary>Creates the pretrainer and its freshly initialised head (seeded from the options).</summary>
    /// <param name="encoder">The encoder to train (in place).</param>
    /// <param name="numClasses">Classes of the source task.</param>
    /// <param name="options">Optimisation settings.</param>
    /// <param name="progress">Progress sink or null.</param>
    public ClassificationPretrainer(Encoder encoder, int numClasses, PretrainingOptions options, IProgress<TrainingProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(options);
        this.encoder = encoder;
        this.options = options;
        this.progress = progress;
        using Generator g = SeededGenerators.Create(options.Seed.Derive("classification-head"));
        Head = new ClassificationHead(encoder.BottleneckChannels, numClasses, g);
    }

    /// <summary>The classification head (owned; disposed with the pretrainer).</summary>
    public ClassificationHead Head { get; }

    /// <summary>Trains on <paramref name="samples"/> (all the same size).</summary>
    /// <exception cref="TrainingDataException">No samples, mixed sizes, or a class index outside 0..K−1.</exception>
    public PretrainingResult Train(IReadOnlyList<ClassificationSample> samples, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(samples);
        PretrainingChecks.Images(samples.Select(s => s.Image).ToList(), encoder, "classification source");
        for (int i = 0; i < samples.Count; i++)
        {
            if (samples[i].ClassIndex < 0 || samples[i].ClassIndex >= Head.NumClasses)
            {
                throw new TrainingDataException($"classification source sample {i} has class {samples[i].ClassIndex}; the head has {Head.NumClasses} classes (0..{Head.NumClasses - 1}).");
            }
        }

        encoder.to(options.Device);
        Head.to(options.Device);
        encoder.train();
        Head.train();
        var result = PretrainLoop.Run("classification", encoder.parameters().Concat(Head.parameters()), samples.Count, (batch, _) =>
        {
            Tensor x = Batcher.Images(batch.Select(i => samples[i].Image).ToList(), options.Device);
            Tensor y = torch.tensor(batch.Select(i => (long)samples[i].ClassIndex).ToArray(), device: options.Device);
            Tensor logits = Head.forward(encoder.forward(x)[^1]);
            return nn.functional.cross_entropy(logits, y);
        }, options, progress, cancellationToken);
        encoder.eval();
        Head.eval();
        return result;
    }

    /// <summary>Predicted class of each image (eval mode, no autograd) — to check what the encoder learned.</summary>
    public int[] Classify(IReadOnlyList<Image2D> images)
    {
        ArgumentNullException.ThrowIfNull(images);
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        encoder.eval();
        Head.eval();
        Tensor logits = Head.forward(encoder.forward(Batcher.Images(images, options.Device))[^1]);
        return logits.argmax(1).cpu().data<long>().ToArray().Select(v => (int)v).ToArray();
    }

    /// <inheritdoc />
    public void Dispose() => Head.Dispose();
}
