using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLSeg.Training.FineTuning;

/// <summary>
/// One parameter group of <see cref="FlatAdam"/>: its parameters (in order), learning rate, weight decay and the flat
/// buffers (one <see cref="FlatBucket"/> per dtype and device) its parameters live in. Schedulers set
/// <see cref="LearningRate"/> through <see cref="optim.ILearningRateController"/>.
/// </summary>
public sealed class FlatAdamGroup : optim.ILearningRateController, IDisposable
{
    private readonly List<Parameter> parameters;
    private readonly List<FlatBucket> buckets;
    private readonly (FlatBucket Bucket, int Slot)[] location;
    private readonly long[] steps;
    private readonly bool[] trainable;
    private readonly List<Run> runs = [];
    private bool runsValid;

    internal FlatAdamGroup(int index, List<Parameter> parameters, double learningRate, double weightDecay)
    {
        if (!(learningRate >= 0) || double.IsInfinity(learningRate))
        {
            throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate, $"Group {index}: the learning rate must be finite and ≥ 0.");
        }

        if (!(weightDecay >= 0) || double.IsInfinity(weightDecay))
        {
            throw new ArgumentOutOfRangeException(nameof(weightDecay), weightDecay, $"Group {index}: the weight decay must be finite and ≥ 0.");
        }

        Index = index;
        this.parameters = parameters;
        LearningRate = learningRate;
        InitialLearningRate = learningRate;
        WeightDecay = weightDecay;
        steps = new long[parameters.Count];
        trainable = new bool[parameters.Count];
        location = new (FlatBucket, int)[parameters.Count];
        buckets = [];
        foreach (var byType in Enumerable.Range(0, parameters.Count).GroupBy(i => (parameters[i].dtype, parameters[i].device.ToString())))
        {
            int[] members = [.. byType];
            var bucket = new FlatBucket(members, parameters);
            for (int s = 0; s < members.Length; s++)
            {
                location[members[s]] = (bucket, s);
            }

            buckets.Add(bucket);
        }
    }

    /// <summary>Position of the group in the optimizer.</summary>
    public int Index { get; }

    /// <summary>The group's parameters, in the order given.</summary>
    public IReadOnlyList<Parameter> Parameters => parameters;

    /// <summary>The current learning rate.</summary>
    public double LearningRate { get; set; }

    /// <summary>The learning rate schedules start from.</summary>
    public double InitialLearningRate { get; set; }

    /// <summary>Weight decay: L2 added to the gradient (Adam) or decoupled (AdamW).</summary>
    public double WeightDecay { get; set; }

    internal IReadOnlyList<FlatBucket> Buckets => buckets;

    /// <summary>Steps taken by parameter <paramref name="i"/> (PyTorch's per-parameter <c>state["step"]</c>).</summary>
    public long StepOf(int i) => steps[i];

    /// <summary>A view of parameter <paramref name="i"/>'s first moment (its shape and strides); dispose it.</summary>
    public Tensor ExpAvgOf(int i) => location[i].Bucket.View(location[i].Bucket.ExpAvg, location[i].Slot);

    /// <summary>A view of parameter <paramref name="i"/>'s second moment (its shape and strides); dispose it.</summary>
    public Tensor ExpAvgSqOf(int i) => location[i].Bucket.View(location[i].Bucket.ExpAvgSq, location[i].Slot);

    /// <summary>Sets parameter <paramref name="i"/>'s step count and moments (copied), or zeroes them when null.</summary>
    public void Restore(int i, long step, Tensor? expAvg, Tensor? expAvgSq)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        Tensor m = ExpAvgOf(i);
        Tensor v = ExpAvgSqOf(i);
        if (expAvg is null || expAvgSq is null)
        {
            m.zero_();
            v.zero_();
        }
        else
        {
            m.copy_(expAvg);
            v.copy_(expAvgSq);
        }

        steps[i] = step;
        runsValid = false;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (Run r in runs)
        {
            r.Dispose();
        }

        runs.Clear();
        foreach (FlatBucket b in buckets)
        {
            b.Dispose();
        }
    }

    internal void ZeroGradients()
    {
        using var scope = torch.NewDisposeScope();
        foreach (FlatBucket b in buckets)
        {
            b.ZeroGradients();
        }
    }

    internal void Step(FlatAdam optimizer)
    {
        bool changed = false;
        for (int i = 0; i < parameters.Count; i++)
        {
            bool t = parameters[i].requires_grad;
            changed |= t != trainable[i];
            trainable[i] = t;
        }

        if (changed || !runsValid)
        {
            RebuildRuns();
        }

        foreach (Run r in runs)
        {
            r.Step += 1;
            optimizer.Update(r.Param, r.Grad, r.ExpAvg, r.ExpAvgSq, r.Scratch, r.Step, LearningRate, WeightDecay);
        }

        for (int i = 0; i < parameters.Count; i++)
        {
            if (trainable[i])
            {
                steps[i]++;
            }
        }
    }

    // Maximal ranges of consecutive trainable parameters of one bucket with equal step counts: normally one per bucket.
    private void RebuildRuns()
    {
        foreach (Run r in runs)
        {
            r.Dispose();
        }

        runs.Clear();
        foreach (FlatBucket b in buckets)
        {
            int s = 0;
            while (s < b.Members.Count)
            {
                int i = b.Members[s];
                if (!trainable[i])
                {
                    s++;
                    continue;
                }

                int end = s + 1;
                while (end < b.Members.Count && trainable[b.Members[end]] && steps[b.Members[end]] == steps[i])
                {
                    end++;
                }

                runs.Add(new Run(b, s, end, steps[i]));
                s = end;
            }
        }

        runsValid = true;
    }

    private sealed class Run : IDisposable
    {
        public Run(FlatBucket bucket, int from, int to, long step)
        {
            long start = bucket.Offset(from);
            long length = bucket.Offset(to) - start;
            Param = bucket.Params.narrow(0, start, length).DetachFromDisposeScope();
            Grad = bucket.Gradients.narrow(0, start, length).DetachFromDisposeScope();
            ExpAvg = bucket.ExpAvg.narrow(0, start, length).DetachFromDisposeScope();
            ExpAvgSq = bucket.ExpAvgSq.narrow(0, start, length).DetachFromDisposeScope();
            Scratch = bucket.Scratch.narrow(0, start, length).DetachFromDisposeScope();
            Step = step;
        }

        public Tensor Param { get; }

        public Tensor Grad { get; }

        public Tensor ExpAvg { get; }

        public Tensor ExpAvgSq { get; }

        public Tensor Scratch { get; }

        public long Step { get; set; }

        public void Dispose()
        {
            Param.Dispose();
            Grad.Dispose();
            ExpAvg.Dispose();
            ExpAvgSq.Dispose();
            Scratch.Dispose();
        }
    }
}
