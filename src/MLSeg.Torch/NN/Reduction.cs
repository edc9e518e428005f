namespace MLSeg.Torch.NN;

/// <summary>How a loss reduces over elements; numbering is libtorch's at::Reduction.</summary>
public enum Reduction
{
    /// <summary>One loss per element.</summary>
    None = 0,
    /// <summary>The mean over elements (weighted mean for weighted cross-entropy).</summary>
    Mean = 1,
    /// <summary>The sum over elements.</summary>
    Sum = 2,
}
