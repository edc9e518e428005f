using System.Runtime.InteropServices;
using MLSeg.Torch.Native;

namespace MLSeg.Torch;

/// <summary>
/// An n-dimensional array on a device, with autograd — a handle to a libtorch tensor. Disposing frees the native
/// tensor now; a tensor created inside a <see cref="DisposeScope"/> is disposed with it.
/// </summary>
public sealed partial class Tensor : IDisposable
{
    private readonly TensorHandle handle;

    internal Tensor(TensorHandle handle)
    {
        if (handle.IsInvalid)
        {
            throw new ArgumentException("Invalid native tensor handle.", nameof(handle));
        }

        this.handle = handle;
        DisposeScope.Register(this);
    }

    internal DisposeScope? Scope { get; set; }

    internal TensorHandle Handle
    {
        get
        {
            ObjectDisposedException.ThrowIf(handle.IsClosed, this);
            return handle;
        }
    }

    /// <summary>Whether <see cref="Dispose"/> has run.</summary>
    public bool IsDisposed => handle.IsClosed;

    /// <summary>Sizes of each dimension.</summary>
    public long[] Shape
    {
        get
        {
            unsafe
            {
                Span<long> buf = stackalloc long[8];
                fixed (long* p = buf)
                {
                    NativeStatus.Check(NativeMethods.mlseg_tensor_shape(Handle, p, buf.Length, out int nd), "shape");
                    if (nd <= buf.Length)
                    {
                        return buf[..nd].ToArray();
                    }

                    var big = new long[nd];
                    fixed (long* q = big)
                    {
                        NativeStatus.Check(NativeMethods.mlseg_tensor_shape(Handle, q, nd, out _), "shape");
                    }

                    return big;
                }
            }
        }
    }

    /// <summary>Number of dimensions.</summary>
    public int Dim
    {
        get
        {
            NativeStatus.Check(NativeMethods.mlseg_tensor_dim(Handle, out int d), "dim");
            return d;
        }
    }

    /// <summary>Number of elements.</summary>
    public long NumEl
    {
        get
        {
            NativeStatus.Check(NativeMethods.mlseg_tensor_numel(Handle, out long n), "numel");
            return n;
        }
    }

    /// <summary>Element type.</summary>
    public ScalarType Dtype
    {
        get
        {
            NativeStatus.Check(NativeMethods.mlseg_tensor_dtype(Handle, out int d), "dtype");
            return (ScalarType)d;
        }
    }

    /// <summary>The device holding the data.</summary>
    public Device Device
    {
        get
        {
            NativeStatus.Check(NativeMethods.mlseg_tensor_device(Handle, out int type, out int index), "device");
            return new Device((DeviceType)type, index);
        }
    }

    /// <summary>Whether autograd records operations on this tensor (PyTorch's <c>requires_grad</c>).</summary>
    public bool RequiresGrad
    {
        get
        {
            NativeStatus.Check(NativeMethods.mlseg_tensor_requires_grad(Handle, out int on), "requires_grad");
            return on != 0;
        }
        set => NativeStatus.Check(NativeMethods.mlseg_tensor_set_requires_grad(Handle, value ? 1 : 0), "requires_grad_", this);
    }

    /// <summary>Whether this is a leaf of the autograd graph (created by the user, not by an op).</summary>
    public bool IsLeaf
    {
        get
        {
            NativeStatus.Check(NativeMethods.mlseg_tensor_is_leaf(Handle, out int on), "is_leaf");
            return on != 0;
        }
    }

    /// <summary>Whether the elements are laid out contiguously in row-major order.</summary>
    public bool IsContiguous
    {
        get
        {
            NativeStatus.Check(NativeMethods.mlseg_tensor_is_contiguous(Handle, out int on), "is_contiguous");
            return on != 0;
        }
    }

    /// <summary>The accumulated gradient (a new handle sharing its storage), or null before any backward pass.</summary>
    public Tensor? Grad
    {
        get
        {
            NativeStatus.Check(NativeMethods.mlseg_tensor_grad(Handle, out TensorHandle g), "grad");
            return g.IsInvalid ? null : new Tensor(g);
        }
        set => NativeStatus.Check(NativeMethods.mlseg_tensor_set_grad(Handle, value?.Handle ?? TensorHandle.Null), "grad=", this);
    }

    /// <summary>Drops the accumulated gradient (PyTorch's <c>zero_grad(set_to_none=True)</c>).</summary>
    public void ZeroGrad() => NativeStatus.Check(NativeMethods.mlseg_tensor_zero_grad(Handle), "zero_grad", this);

    /// <summary>Back-propagates from this tensor; a non-scalar needs <paramref name="gradient"/>.</summary>
    public void Backward(Tensor? gradient = null, bool retainGraph = false) =>
        NativeStatus.Check(NativeMethods.mlseg_backward(Handle, gradient?.Handle ?? TensorHandle.Null, retainGraph ? 1 : 0), "backward", this, gradient);

    /// <summary>A new handle to the same storage, cut from the autograd graph.</summary>
    public Tensor Detach() => Unary(NativeMethods.mlseg_detach, "detach");

    /// <summary>A new handle to the same tensor (same storage, same autograd identity), disposed independently.</summary>
    public Tensor Alias()
    {
        NativeStatus.Check(NativeMethods.mlseg_tensor_alias(Handle, out TensorHandle h), "alias", this);
        return new Tensor(h);
    }

    /// <summary>A copy with its own storage (recorded by autograd).</summary>
    public Tensor Clone() => Unary(NativeMethods.mlseg_clone, "clone");

    /// <summary>This tensor, or a row-major copy of it.</summary>
    public Tensor Contiguous() => Unary(NativeMethods.mlseg_contiguous, "contiguous");

    /// <summary>A copy in channels-last (NHWC) memory format, which oneDNN and cuDNN convolutions prefer.</summary>
    public Tensor ToChannelsLast() => Unary(NativeMethods.mlseg_channels_last, "channels_last");

    /// <summary>Moves/converts to <paramref name="device"/> and <paramref name="dtype"/> (this dtype when null).</summary>
    public Tensor To(Device device, ScalarType? dtype = null, bool nonBlocking = false)
    {
        NativeStatus.Check(NativeMethods.mlseg_to(Handle, (int)(dtype ?? Dtype), (int)device.Type, device.Index, nonBlocking ? 1 : 0, out TensorHandle h), $"to({device})", this);
        return new Tensor(h);
    }

    /// <summary>Converts to <paramref name="dtype"/> on the same device.</summary>
    public Tensor To(ScalarType dtype) => To(Device, dtype);

    /// <summary>The single element's value.</summary>
    public double Item()
    {
        NativeStatus.Check(NativeMethods.mlseg_item(Handle, out double v), "item", this);
        return v;
    }

    /// <summary>Copies all elements (row-major) into <paramref name="destination"/>, whose type must match <see cref="Dtype"/>.</summary>
    public void CopyTo<T>(Span<T> destination) where T : unmanaged
    {
        ScalarType want = ScalarTypeExtensions.Of<T>();
        if (want != Dtype)
        {
            throw new ArgumentException($"Tensor is {Dtype.Name()}, destination holds {want.Name()}; convert with To({want}) first.", nameof(destination));
        }

        unsafe
        {
            fixed (T* p = destination)
            {
                NativeStatus.Check(NativeMethods.mlseg_to_host(Handle, p, (long)destination.Length * sizeof(T)), "copy to host", this);
            }
        }
    }

    /// <summary>All elements (row-major) as a new array; the type must match <see cref="Dtype"/>.</summary>
    public T[] ToArray<T>() where T : unmanaged
    {
        var data = new T[checked((int)NumEl)];
        CopyTo<T>(data);
        return data;
    }

    /// <summary>Hands this tensor to the scope outside its current one (or frees it from scopes entirely when none).</summary>
    public Tensor MoveToOuterScope()
    {
        DisposeScope? from = Scope;
        from?.Remove(this);
        Scope = null;
        from?.Outer?.Adopt(this);
        return this;
    }

    /// <summary>Takes this tensor out of every dispose scope: its owner (a module, an optimizer) disposes it.</summary>
    public Tensor DetachFromDisposeScope()
    {
        Scope?.Remove(this);
        Scope = null;
        return this;
    }

    /// <summary>Frees the native tensor now.</summary>
    public void Dispose()
    {
        Scope?.Remove(this);
        Scope = null;
        handle.Dispose();
    }

    /// <summary>"[2, 3] float32 cpu" — used in error messages.</summary>
    public string Describe() => IsDisposed ? "(disposed)" : $"[{string.Join(", ", Shape)}] {Dtype.Name()} {Device}";

    /// <inheritdoc />
    public override string ToString() => $"Tensor {Describe()}";

    internal delegate int UnaryFn(TensorHandle a, out TensorHandle result);

    internal delegate int BinaryFn(TensorHandle a, TensorHandle b, out TensorHandle result);

    internal delegate int ScalarFn(TensorHandle a, double s, out TensorHandle result);

    internal Tensor Unary(UnaryFn fn, string op)
    {
        NativeStatus.Check(fn(Handle, out TensorHandle h), op, this);
        return new Tensor(h);
    }

    internal Tensor Binary(BinaryFn fn, Tensor other, string op)
    {
        NativeStatus.Check(fn(Handle, other.Handle, out TensorHandle h), op, this, other);
        return new Tensor(h);
    }

    internal Tensor Scalar(ScalarFn fn, double s, string op)
    {
        NativeStatus.Check(fn(Handle, s, out TensorHandle h), op, this);
        return new Tensor(h);
    }

    internal static Tensor FromResult(int status, TensorHandle h, string op, params Tensor?[] inputs)
    {
        NativeStatus.Check(status, op, inputs);
        return new Tensor(h);
    }
}
