using MLSeg.Models.Engine;
using MLSeg.Core.Randomness;
using MLSeg.Training.FineTuning;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLSeg.Training.Pretraining;

/// <summary>
/// The epoch/step loop the pretrainers share: seeded shuffle per epoch, one optimizer over the given parameters, a
/// loss callback per batch, progress events. Random streams are re-seeded per epoch from the seed, as in fine-tuning.
/// </summary>
internal static class PretrainLoop
{
    /// <param name="name">Strategy name (progress and errors).</param>
    /// <param name="parameters">Trainable parameters (encoder and head).</param>
    /// <param name="count">Number of source samples.</param>
    /// <param name="batchLoss">Loss of the samples with the given indices; the seed is unique to the (epoch, step).</param>
    /// <param name="options">Optimisation settings.</param>
    /// <param name="progress">Progress sink or null.</param>
    /// <param name="ct">Checked between steps.</param>
    /// <param name="readEveryStep">Read each step's loss back at once (default: on the CPU only; see <see cref="EpochLosses"/>).</param>
    public static PretrainingResult Run(string name, IEnumerable<Parameter> parameters, int count, Func<int[], SeedSource, Tensor> batchLoss,
        PretrainingOptions options, IProgress<TrainingProgress>? progress, CancellationToken ct, bool? readEveryStep = null)
    {
        options.Validate();
        using FlatAdam optimizer = Optimizers.Create(options.Optimizer, [(parameters.ToList(), options.LearningRate)], options.WeightDecay);
        optim.lr_scheduler.LRScheduler? scheduler = Optimizers.CreateScheduler(optimizer, options.Schedule, options.Epochs);
        var losses = new List<double>(options.Epochs);
        int steps = (count + options.BatchSize - 1) / options.BatchSize;
        for (int epoch = 1; epoch <= options.Epochs; epoch++)
        {
            torch.manual_seed(options.Seed.Derive("torch").Derive(epoch).ToInt64()).Dispose();
            int[] order = Enumerable.Range(0, count).ToArray();
            options.Seed.Derive("shuffle").Derive(epoch).CreateRandom().Shuffle(order);
            using var stepLosses = new EpochLosses(readEveryStep ?? options.Device.type == DeviceType.CPU, (value, step) => new TrainingDataException(
                $"{name} pretraining loss became {value} at epoch {epoch}, step {step}; lower the learning rate or check the inputs' normalisation."));
            for (int s = 0; s < steps; s++)
            {
                ct.ThrowIfCancellationRequested();
                int[] batch = order[(s * options.BatchSize)..Math.Min(count, (s + 1) * options.BatchSize)];
                using var scope = torch.NewDisposeScope();
                Tensor loss = batchLoss(batch, options.Seed.Derive("batch").Derive(epoch).Derive(s));
                optimizer.zero_grad();
                loss.backward();
                optimizer.step();
                double value = stepLosses.Add(loss, batch.Length);
                progress?.Report(new TrainingProgress(name, epoch, options.Epochs, s + 1, steps, value, null, EndOfEpoch: false));
            }

            losses.Add(stepLosses.Mean());
            scheduler?.step();
            progress?.Report(new TrainingProgress(name, epoch, options.Epochs, steps, steps, losses[^1], null, EndOfEpoch: true));
        }

        return new PretrainingResult(name, losses);
    }
}
