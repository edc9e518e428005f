using MLSeg.Torch.Native;

namespace MLSeg.Torch;

// Shape changes, indexing and slicing.
public sealed unsafe partial class Tensor
{
    private unsafe delegate int ShapeFn(TensorHandle a, long* values, int n, out TensorHandle result);

    /// <summary>Same elements in a new shape (a view when possible, else a copy); one size may be −1.</summary>
    public Tensor Reshape(params long[] shape) => WithLongs(NativeMethods.mlseg_reshape, shape, "reshape");

    /// <summary>A view in a new shape; fails when the layout does not allow one.</summary>
    public Tensor View(params long[] shape) => WithLongs(NativeMethods.mlseg_view, shape, "view");

    /// <summary>Reorders dimensions.</summary>
    public Tensor Permute(params long[] order) => WithLongs(NativeMethods.mlseg_permute, order, "permute");

    /// <summary>Broadcasts size-1 dimensions to <paramref name="shape"/> (−1 keeps a size) without copying.</summary>
    public Tensor Expand(params long[] shape) => WithLongs(NativeMethods.mlseg_expand, shape, "expand");

    /// <summary>Tiles the tensor <paramref name="repeats"/> times along each dimension.</summary>
    public Tensor Repeat(params long[] repeats) => WithLongs(NativeMethods.mlseg_repeat, repeats, "repeat");

    /// <summary>Reverses the order of elements along <paramref name="dims"/>.</summary>
    public Tensor Flip(params long[] dims) => WithLongs(NativeMethods.mlseg_flip, dims, "flip");

    /// <summary>Swaps two dimensions.</summary>
    public Tensor Transpose(long dim0, long dim1) => FromResult(NativeMethods.mlseg_transpose(Handle, dim0, dim1, out var h), h, "transpose", this);

    /// <summary>Removes dimension <paramref name="dim"/> when its size is 1.</summary>
    public Tensor Squeeze(long dim) => FromResult(NativeMethods.mlseg_squeeze(Handle, dim, out var h), h, "squeeze", this);

    /// <summary>Inserts a size-1 dimension at <paramref name="dim"/>.</summary>
    public Tensor Unsqueeze(long dim) => FromResult(NativeMethods.mlseg_unsqueeze(Handle, dim, out var h), h, "unsqueeze", this);

    /// <summary>Merges dimensions <paramref name="startDim"/>…<paramref name="endDim"/> into one.</summary>
    public Tensor Flatten(long startDim = 0, long endDim = -1) => FromResult(NativeMethods.mlseg_flatten(Handle, startDim, endDim, out var h), h, "flatten", this);

    /// <summary>Elements start, start+step, … (before end) along <paramref name="dim"/>, as a view.</summary>
    public Tensor Slice(long dim, long start, long end, long step = 1) =>
        FromResult(NativeMethods.mlseg_slice(Handle, dim, start, end, step, out var h), h, "slice", this);

    /// <summary>A view of <paramref name="length"/> elements from <paramref name="start"/> along <paramref name="dim"/>.</summary>
    public Tensor Narrow(long dim, long start, long length) => FromResult(NativeMethods.mlseg_narrow(Handle, dim, start, length, out var h), h, "narrow", this);

    /// <summary>The sub-tensor at <paramref name="index"/> along <paramref name="dim"/> (that dimension removed).</summary>
    public Tensor Select(long dim, long index) => FromResult(NativeMethods.mlseg_select(Handle, dim, index, out var h), h, "select", this);

    /// <summary>The entries at the int64 <paramref name="index"/> positions along <paramref name="dim"/>.</summary>
    public Tensor IndexSelect(long dim, Tensor index) => FromResult(NativeMethods.mlseg_index_select(Handle, dim, index.Handle, out var h), h, "index_select", this, index);

    /// <summary>PyTorch's gather along <paramref name="dim"/>.</summary>
    public Tensor Gather(long dim, Tensor index) => FromResult(NativeMethods.mlseg_gather(Handle, dim, index.Handle, out var h), h, "gather", this, index);

    /// <summary>The elements where <paramref name="mask"/> is true, as a 1-D tensor.</summary>
    public Tensor MaskedSelect(Tensor mask) => FromResult(NativeMethods.mlseg_masked_select(Handle, mask.Handle, out var h), h, "masked_select", this, mask);

    /// <summary>One-hot encoding of an int64 tensor into <paramref name="numClasses"/> (new last dimension).</summary>
    public Tensor OneHot(long numClasses) => FromResult(NativeMethods.mlseg_one_hot(Handle, numClasses, out var h), h, "one_hot", this);

    private unsafe Tensor WithLongs(ShapeFn fn, long[] values, string op)
    {
        ArgumentNullException.ThrowIfNull(values);
        fixed (long* p = values)
        {
            NativeStatus.Check(fn(Handle, p, values.Length, out var h), $"{op}([{string.Join(", ", values)}])", this);
            return new Tensor(h);
        }
    }
}
