using static TorchSharp.torch;

namespace MLSeg.Training.FineTuning;

/// <summary>
/// An epoch's step losses, for the fine-tuning and pretraining loops. Read back per step (the CPU, where reading is
/// free and a non-finite loss stops training at its step) or kept on the device and read back once when the epoch ends
/// (accelerators: one host–device synchronisation per epoch, so the host queues the next steps while the device works).
/// Either way the epoch mean is the same float32 step values, weighted by batch size and summed in step order, and a
/// non-finite loss is reported with its 1-based step.
/// </summary>
internal sealed class EpochLosses : IDisposable
{
    private readonly List<Tensor>? pending;
    private readonly List<int> counts = [];
    private readonly Func<double, int, Exception> nonFinite;
    private double sum;
    private int total;

    /// <param name="readEveryStep">Read each loss right after its step (true) or once at <see cref="Mean"/> (false).</param>
    /// <param name="nonFinite">The error for a non-finite loss value at a 1-based step.</param>
    public EpochLosses(bool readEveryStep, Func<double, int, Exception> nonFinite)
    {
        this.nonFinite = nonFinite;
        pending = readEveryStep ? null : [];
    }

    /// <summary>
    /// Records the loss of the next step, over <paramref name="count"/> samples; returns its value, or NaN when it is
    /// read back later. Call within the step's dispose scope: a kept loss is detached from it.
    /// </summary>
    public double Add(Tensor loss, int count)
    {
        counts.Add(count);
        total += count;
        if (pending is not null)
        {
            pending.Add(loss.detach().DetachFromDisposeScope());
            return double.NaN;
        }

        double value = loss.item<float>();
        sum += Checked(value, counts.Count) * count;
        return value;
    }

    /// <summary>The epoch's sample-weighted mean loss (reading kept losses back first).</summary>
    /// <exception cref="Exception">The <c>nonFinite</c> error of the first non-finite step.</exception>
    public double Mean()
    {
        if (pending is { Count: > 0 })
        {
            using Tensor stacked = stack(pending);
            using Tensor host = stacked.cpu();
            float[] values = host.data<float>().ToArray();
            for (int s = 0; s < values.Length; s++)
            {
                sum += Checked(values[s], s + 1) * counts[s];
            }

            Dispose();
        }

        return sum / total;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (pending is not null)
        {
            pending.ForEach(t => t.Dispose());
            pending.Clear();
        }
    }

    private double Checked(double value, int step) => double.IsFinite(value) ? value : throw nonFinite(value, step);
}
