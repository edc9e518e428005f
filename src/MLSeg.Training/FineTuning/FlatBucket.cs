using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLSeg.Training.FineTuning;

/// <summary>
/// The parameters of one <see cref="FlatAdamGroup"/> that share a dtype and device, laid out back to back in one 1-D
/// buffer (<see cref="Params"/>), with gradient and moment buffers of the same layout. Each parameter becomes a strided
/// view of its segment with its original strides when they are dense (contiguous, channels-last or any other permutation),
/// otherwise with contiguous strides.
/// </summary>
internal sealed class FlatBucket : IDisposable
{
    private readonly Parameter[] members;
    private readonly long[][] shapes;
    private readonly long[][] strides;
    private readonly long[] offsets;
    private readonly Tensor[] gradientViews;

    public FlatBucket(int[] memberIndices, IReadOnlyList<Parameter> groupParameters)
    {
        Members = memberIndices;
        members = memberIndices.Select(i => groupParameters[i]).ToArray();
        shapes = new long[members.Length][];
        strides = new long[members.Length][];
        offsets = new long[members.Length + 1];
        for (int s = 0; s < members.Length; s++)
        {
            shapes[s] = members[s].shape;
            strides[s] = DenseStrides(members[s]);
            offsets[s + 1] = offsets[s] + members[s].numel();
        }

        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        Parameter first = members[0];
        long total = offsets[^1];
        Params = torch.empty([total], first.dtype, first.device).DetachFromDisposeScope();
        Gradients = torch.zeros([total], first.dtype, first.device).DetachFromDisposeScope();
        ExpAvg = torch.zeros([total], first.dtype, first.device).DetachFromDisposeScope();
        ExpAvgSq = torch.zeros([total], first.dtype, first.device).DetachFromDisposeScope();
        Scratch = torch.empty([total], first.dtype, first.device).DetachFromDisposeScope();
        gradientViews = new Tensor[members.Length];
        for (int s = 0; s < members.Length; s++)
        {
            Parameter p = members[s];
            Tensor view = View(Params, s);
            view.copy_(p);
            p.set_(view);
            gradientViews[s] = View(Gradients, s).DetachFromDisposeScope();
            if (p.grad is { } existing)
            {
                gradientViews[s].copy_(existing);
            }

            p.grad = gradientViews[s];
        }
    }

    /// <summary>Indices (in the group) of the parameters in this bucket, in layout order.</summary>
    public IReadOnlyList<int> Members { get; }

    /// <summary>The parameters' values.</summary>
    public Tensor Params { get; }

    /// <summary>The parameters' gradients (autograd accumulates into views of it).</summary>
    public Tensor Gradients { get; }

    /// <summary>First moments.</summary>
    public Tensor ExpAvg { get; }

    /// <summary>Second moments.</summary>
    public Tensor ExpAvgSq { get; }

    /// <summary>Working space of a step (the decayed gradient, then the denominator).</summary>
    public Tensor Scratch { get; }

    /// <summary>Start of member <paramref name="slot"/>'s segment (<paramref name="slot"/> = count gives the total).</summary>
    public long Offset(int slot) => offsets[slot];

    /// <summary>Member <paramref name="slot"/>'s segment of <paramref name="buffer"/> with the member's shape and strides.</summary>
    public Tensor View(Tensor buffer, int slot) => buffer.as_strided(shapes[slot], strides[slot], offsets[slot]);

    public void ZeroGradients()
    {
        Gradients.zero_();
        for (int s = 0; s < members.Length; s++)
        {
            members[s].grad = gradientViews[s];
        }
    }

    public void Dispose()
    {
        foreach (Tensor t in gradientViews)
        {
            t.Dispose();
        }

        Params.Dispose();
        Gradients.Dispose();
        ExpAvg.Dispose();
        ExpAvgSq.Dispose();
        Scratch.Dispose();
    }

    // The parameter's strides when they address its numel() elements exactly once (a dense layout), else contiguous strides.
    private static long[] DenseStrides(Tensor t)
    {
        long[] shape = t.shape;
        long[] stride = t.stride();
        long expected = 1;
        foreach (int d in Enumerable.Range(0, shape.Length).Where(d => shape[d] > 1).OrderBy(d => stride[d]).ThenByDescending(d => d))
        {
            if (stride[d] != expected)
            {
                return Contiguous(shape);
            }

            expected *= shape[d];
        }

        return stride;
    }

    private static long[] Contiguous(long[] shape)
    {
        long[] result = new long[shape.Length];
        long running = 1;
        for (int d = shape.Length - 1; d >= 0; d--)
        {
            result[d] = running;
            running *= Math.Max(1, shape[d]);
        }

        return result;
    }
}
