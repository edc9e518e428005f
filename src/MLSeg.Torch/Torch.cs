using System.Text;
using MLSeg.Torch.Native;

namespace MLSeg.Torch;

/// <summary>Tensor creation and library-wide settings — PyTorch's <c>torch.*</c> functions in C# naming.</summary>
public static unsafe class Torch
{
    private unsafe delegate int CreateFn(long* shape, int ndim, int dtype, int deviceType, int deviceIndex, int requiresGrad, out TensorHandle result);

    private unsafe delegate int RandomFn(long* shape, int ndim, GeneratorHandle generator, int dtype, int deviceType, int deviceIndex, out TensorHandle result);

    /// <summary>Whether the shim and libtorch can be loaded (null), or why not.</summary>
    public static string? NativeLoadError => NativeLibraryLoader.TryLoad();

    /// <summary>The libtorch version the shim was built against, e.g. "1.13.1".</summary>
    public static unsafe string Version
    {
        get
        {
            NativeLibraryLoader.EnsureLoaded();
            byte* buf = stackalloc byte[64];
            NativeStatus.Check(NativeMethods.mlseg_torch_version(buf, 64, out int len), "version");
            return Encoding.UTF8.GetString(buf, Math.Min(len, 63));
        }
    }

    /// <summary>libtorch's build configuration (CPU capabilities, parallel backend, CUDA).</summary>
    public static unsafe string BuildInfo
    {
        get
        {
            NativeLibraryLoader.EnsureLoaded();
            NativeStatus.Check(NativeMethods.mlseg_build_info(null, 0, out int len), "build_info");
            var buf = new byte[len + 1];
            fixed (byte* p = buf)
            {
                NativeStatus.Check(NativeMethods.mlseg_build_info(p, buf.Length, out _), "build_info");
            }

            return Encoding.UTF8.GetString(buf, 0, len);
        }
    }

    /// <summary>Seeds libtorch's global generators (CPU and CUDA).</summary>
    public static void ManualSeed(long seed)
    {
        NativeLibraryLoader.EnsureLoaded();
        NativeStatus.Check(NativeMethods.mlseg_manual_seed(seed), "manual_seed");
    }

    /// <summary>Intra-op thread count of libtorch's CPU kernels.</summary>
    public static int NumThreads
    {
        get
        {
            NativeLibraryLoader.EnsureLoaded();
            NativeStatus.Check(NativeMethods.mlseg_get_num_threads(out int n), "get_num_threads");
            return n;
        }
        set
        {
            NativeLibraryLoader.EnsureLoaded();
            NativeStatus.Check(NativeMethods.mlseg_set_num_threads(value), "set_num_threads");
        }
    }

    /// <summary>
    /// Whether the shim fixed glibc's malloc thresholds at load (mmap 32 MiB, where glibc's dynamic rule ends; trim
    /// 256 MiB, so freed activation memory is kept for the next step), so a training process's RSS is flat from the
    /// first step instead of creeping up by an amount that depends on the order of frees.
    /// Off when <c>GLIBC_TUNABLES</c> sets any <c>glibc.malloc.*</c> tunable or <c>MLSEG_MALLOC_TUNING=0</c>.
    /// </summary>
    public static bool MallocTuned
    {
        get
        {
            NativeLibraryLoader.EnsureLoaded();
            NativeStatus.Check(NativeMethods.mlseg_malloc_tuned(out int tuned), "malloc_tuned");
            return tuned != 0;
        }
    }

    /// <summary>Makes libtorch use deterministic algorithms only (and errors on ops that have none).</summary>
    public static void UseDeterministicAlgorithms(bool on)
    {
        NativeLibraryLoader.EnsureLoaded();
        NativeStatus.Check(NativeMethods.mlseg_set_deterministic(on ? 1 : 0), "use_deterministic_algorithms");
    }

    /// <summary>Opens a scope that owns every tensor created on this thread until it is disposed.</summary>
    public static DisposeScope NewDisposeScope() => new();

    /// <summary>Disables autograd recording on this thread until the returned scope is disposed (PyTorch's <c>no_grad</c>).</summary>
    public static GradModeScope NoGrad() => new(enabled: false);

    /// <summary>Enables autograd recording on this thread until the returned scope is disposed.</summary>
    public static GradModeScope EnableGrad() => new(enabled: true);

    /// <summary>Runs eligible CUDA ops in <paramref name="dtype"/> (float16 or bfloat16) until the scope is disposed.</summary>
    public static AutocastScope Autocast(ScalarType dtype = ScalarType.BFloat16) => new(DeviceType.Cuda, dtype);

    /// <summary>
    /// Runs eligible ops on <paramref name="device"/> in <paramref name="dtype"/> until the scope is disposed (CUDA:
    /// float16 or bfloat16; CPU: bfloat16).
    /// </summary>
    public static AutocastScope Autocast(DeviceType device, ScalarType dtype) => new(device, dtype);

    /// <summary>Whether autograd records operations on this thread.</summary>
    public static bool IsGradEnabled
    {
        get
        {
            NativeLibraryLoader.EnsureLoaded();
            NativeStatus.Check(NativeMethods.mlseg_is_grad_enabled(out int on), "is_grad_enabled");
            return on != 0;
        }
    }

    /// <summary>Uninitialised tensor.</summary>
    public static Tensor Empty(long[] shape, ScalarType dtype = ScalarType.Float32, Device? device = null, bool requiresGrad = false) =>
        Create(NativeMethods.mlseg_empty, shape, dtype, device, requiresGrad, "empty");

    /// <summary>Tensor of zeros.</summary>
    public static Tensor Zeros(long[] shape, ScalarType dtype = ScalarType.Float32, Device? device = null, bool requiresGrad = false) =>
        Create(NativeMethods.mlseg_zeros, shape, dtype, device, requiresGrad, "zeros");

    /// <summary>Tensor of ones.</summary>
    public static Tensor Ones(long[] shape, ScalarType dtype = ScalarType.Float32, Device? device = null, bool requiresGrad = false) =>
        Create(NativeMethods.mlseg_ones, shape, dtype, device, requiresGrad, "ones");

    /// <summary>Tensor filled with <paramref name="value"/>.</summary>
    public static unsafe Tensor Full(long[] shape, double value, ScalarType dtype = ScalarType.Float32, Device? device = null, bool requiresGrad = false)
    {
        NativeLibraryLoader.EnsureLoaded();
        var dev = device ?? Device.Cpu;
        fixed (long* p = shape)
        {
            return Tensor.FromResult(NativeMethods.mlseg_full(p, shape.Length, value, (int)dtype, (int)dev.Type, dev.Index, requiresGrad ? 1 : 0, out var h), h, "full");
        }
    }

    /// <summary>start, start+step, … below end.</summary>
    public static Tensor Arange(double start, double end, double step = 1, ScalarType dtype = ScalarType.Float32, Device? device = null)
    {
        NativeLibraryLoader.EnsureLoaded();
        var dev = device ?? Device.Cpu;
        return Tensor.FromResult(NativeMethods.mlseg_arange(start, end, step, (int)dtype, (int)dev.Type, dev.Index, out var h), h, "arange");
    }

    /// <summary>Identity matrix n×n.</summary>
    public static Tensor Eye(long n, ScalarType dtype = ScalarType.Float32, Device? device = null)
    {
        NativeLibraryLoader.EnsureLoaded();
        var dev = device ?? Device.Cpu;
        return Tensor.FromResult(NativeMethods.mlseg_eye(n, (int)dtype, (int)dev.Type, dev.Index, out var h), h, "eye");
    }

    /// <summary>U[0, 1) draws.</summary>
    public static Tensor Rand(long[] shape, Generator? generator = null, ScalarType dtype = ScalarType.Float32, Device? device = null) =>
        Random(NativeMethods.mlseg_rand, shape, generator, dtype, device, "rand");

    /// <summary>N(0, 1) draws.</summary>
    public static Tensor Randn(long[] shape, Generator? generator = null, ScalarType dtype = ScalarType.Float32, Device? device = null) =>
        Random(NativeMethods.mlseg_randn, shape, generator, dtype, device, "randn");

    /// <summary>Integers uniform in [low, high).</summary>
    public static unsafe Tensor RandInt(long low, long high, long[] shape, Generator? generator = null, ScalarType dtype = ScalarType.Int64, Device? device = null)
    {
        NativeLibraryLoader.EnsureLoaded();
        var dev = device ?? Device.Cpu;
        fixed (long* p = shape)
        {
            return Tensor.FromResult(NativeMethods.mlseg_randint(low, high, p, shape.Length, generator?.Handle ?? GeneratorHandle.Null, (int)dtype, (int)dev.Type, dev.Index, out var h), h, "randint");
        }
    }

    /// <summary>A random permutation of 0…n−1 (int64).</summary>
    public static Tensor RandPerm(long n, Generator? generator = null, Device? device = null)
    {
        NativeLibraryLoader.EnsureLoaded();
        var dev = device ?? Device.Cpu;
        return Tensor.FromResult(NativeMethods.mlseg_randperm(n, generator?.Handle ?? GeneratorHandle.Null, (int)dev.Type, dev.Index, out var h), h, "randperm");
    }

    /// <summary>A new CPU tensor holding a copy of <paramref name="data"/> in <paramref name="shape"/> (row-major).</summary>
    public static unsafe Tensor FromArray<T>(ReadOnlySpan<T> data, params long[] shape) where T : unmanaged
    {
        NativeLibraryLoader.EnsureLoaded();
        ScalarType dtype = ScalarTypeExtensions.Of<T>();
        long count = 1;
        foreach (long s in shape)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(s, nameof(shape));
            count *= s;
        }

        if (count != data.Length)
        {
            throw new ArgumentException($"Shape [{string.Join(", ", shape)}] needs {count} elements; the data has {data.Length}.", nameof(data));
        }

        fixed (T* d = data)
        fixed (long* s = shape)
        {
            return Tensor.FromResult(NativeMethods.mlseg_from_host(d, (long)data.Length * sizeof(T), s, shape.Length, (int)dtype, out var h), h, "from_array");
        }
    }

    /// <summary>A new CPU tensor from an array (1-D unless <paramref name="shape"/> is given).</summary>
    public static Tensor FromArray<T>(T[] data, params long[] shape) where T : unmanaged =>
        FromArray<T>(data.AsSpan(), shape.Length == 0 ? [data.Length] : shape);

    /// <summary>A 0-dimensional tensor holding <paramref name="value"/>.</summary>
    public static Tensor Scalar(double value, ScalarType dtype = ScalarType.Float32, Device? device = null) => Full([], value, dtype, device);

    /// <summary>Concatenates along <paramref name="dim"/>.</summary>
    public static Tensor Cat(IReadOnlyList<Tensor> tensors, long dim = 0) => Join(tensors, dim, stack: false);

    /// <summary>Stacks along a new dimension <paramref name="dim"/>.</summary>
    public static Tensor Stack(IReadOnlyList<Tensor> tensors, long dim = 0) => Join(tensors, dim, stack: true);

    /// <summary>Element-wise <paramref name="condition"/> ? <paramref name="a"/> : <paramref name="b"/>.</summary>
    public static Tensor Where(Tensor condition, Tensor a, Tensor b) =>
        Tensor.FromResult(NativeMethods.mlseg_where(condition.Handle, a.Handle, b.Handle, out var h), h, "where", condition, a, b);

    /// <summary>Gradients of <paramref name="output"/> with respect to <paramref name="inputs"/> (null where unused).</summary>
    public static unsafe Tensor?[] Grad(Tensor output, IReadOnlyList<Tensor> inputs, Tensor? gradOutput = null, bool createGraph = false)
    {
        var raw = new IntPtr[inputs.Count];
        var outs = new IntPtr[inputs.Count];
        var refs = new bool[inputs.Count];
        try
        {
            for (int i = 0; i < inputs.Count; i++)
            {
                inputs[i].Handle.DangerousAddRef(ref refs[i]);
                raw[i] = inputs[i].Handle.DangerousGetHandle();
            }

            fixed (IntPtr* pin = raw)
            fixed (IntPtr* pout = outs)
            {
                NativeStatus.Check(NativeMethods.mlseg_autograd_grad(output.Handle, gradOutput?.Handle ?? TensorHandle.Null, pin, raw.Length, createGraph ? 1 : 0, pout), "autograd.grad", output);
            }
        }
        finally
        {
            for (int i = 0; i < inputs.Count; i++)
            {
                if (refs[i])
                {
                    inputs[i].Handle.DangerousRelease();
                }
            }
        }

        return outs.Select(p => p == IntPtr.Zero ? null : new Tensor(new TensorHandle(p))).ToArray();
    }

    private static unsafe Tensor Create(CreateFn fn, long[] shape, ScalarType dtype, Device? device, bool requiresGrad, string op)
    {
        NativeLibraryLoader.EnsureLoaded();
        var dev = device ?? Device.Cpu;
        fixed (long* p = shape)
        {
            return Tensor.FromResult(fn(p, shape.Length, (int)dtype, (int)dev.Type, dev.Index, requiresGrad ? 1 : 0, out var h), h, $"{op}([{string.Join(", ", shape)}], {dtype.Name()}, {dev})");
        }
    }

    private static unsafe Tensor Random(RandomFn fn, long[] shape, Generator? generator, ScalarType dtype, Device? device, string op)
    {
        NativeLibraryLoader.EnsureLoaded();
        var dev = device ?? Device.Cpu;
        fixed (long* p = shape)
        {
            return Tensor.FromResult(fn(p, shape.Length, generator?.Handle ?? GeneratorHandle.Null, (int)dtype, (int)dev.Type, dev.Index, out var h), h, op);
        }
    }

    private static unsafe Tensor Join(IReadOnlyList<Tensor> tensors, long dim, bool stack)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        if (tensors.Count == 0)
        {
            throw new ArgumentException($"{(stack ? "stack" : "cat")} needs at least one tensor.", nameof(tensors));
        }

        var raw = new IntPtr[tensors.Count];
        var refs = new bool[tensors.Count];
        try
        {
            for (int i = 0; i < tensors.Count; i++)
            {
                tensors[i].Handle.DangerousAddRef(ref refs[i]);
                raw[i] = tensors[i].Handle.DangerousGetHandle();
            }

            fixed (IntPtr* p = raw)
            {
                int status = stack ? NativeMethods.mlseg_stack(p, raw.Length, dim, out var h) : NativeMethods.mlseg_cat(p, raw.Length, dim, out h);
                return Tensor.FromResult(status, h, stack ? "stack" : "cat", [.. tensors]);
            }
        }
        finally
        {
            for (int i = 0; i < tensors.Count; i++)
            {
                if (refs[i])
                {
                    tensors[i].Handle.DangerousRelease();
                }
            }
        }
    }
}
