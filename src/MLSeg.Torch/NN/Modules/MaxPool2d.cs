namespace MLSeg.Torch.NN;

/// <summary>Max pooling (PyTorch's <c>nn.MaxPool2d</c>); stride defaults to the kernel size.</summary>
public sealed class MaxPool2d : Module<Tensor, Tensor>
{
    /// <summary>Creates the layer.</summary>
    public MaxPool2d((long H, long W) kernelSize, (long H, long W)? stride = null, (long H, long W)? padding = null, bool ceilMode = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(kernelSize.H);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(kernelSize.W);
        KernelSize = kernelSize;
        Stride = stride ?? kernelSize;
        Padding = padding ?? (0, 0);
        CeilMode = ceilMode;
    }

    /// <summary>Creates a layer with a square kernel.</summary>
    public MaxPool2d(long kernelSize) : this((kernelSize, kernelSize)) { }

    /// <summary>Window (rows, columns).</summary>
    public (long H, long W) KernelSize { get; }

    /// <summary>Step (rows, columns).</summary>
    public (long H, long W) Stride { get; }

    /// <summary>Implicit −∞ padding (rows, columns).</summary>
    public (long H, long W) Padding { get; }

    /// <summary>Whether output sizes round up.</summary>
    public bool CeilMode { get; }

    /// <inheritdoc />
    public override Tensor Forward(Tensor input) => Functional.MaxPool2d(input, KernelSize, Stride, Padding, CeilMode);
}
