using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using TorchSharp;

namespace MLSeg.Models.Engine;

/// <summary>
/// Loads MLSeg's engine — TorchSharp's native glue <c>libLibTorchSharp.so</c> over libtorch — from the folder
/// <c>make setup</c> prepares (<c>artifacts/native/libtorch</c>), before TorchSharp initialises. TorchSharp's own
/// probing looks for a libtorch package in the build output, which MLSeg keeps out of every bin folder (it is
/// ~600 MB), and on Debian 12 the shipped glue needs a newer libstdc++ than the system has; the prepared copy is
/// patched for that (tools/native/prepare-libtorch.sh).
/// </summary>
/// <remarks>
/// Search order: <c>MLSEG_NATIVE_DIR</c> (a folder holding <c>libtorch/libLibTorchSharp.so</c>), then
/// <c>artifacts/native</c> above the running application and above this assembly. <c>MLSEG_LIBTORCH_DIR</c>, when set,
/// names a libtorch lib folder (e.g. a CUDA PyTorch install's <c>torch/lib</c>) whose libraries are loaded first, so the
/// glue binds to them instead of the CPU libtorch it was prepared against. Loading happens once per process, on first
/// use of any MLSeg engine type (module initializer) or explicitly through <see cref="EnsureLoaded"/>.
/// </remarks>
public static class TorchRuntime
{
    /// <summary>Environment variable naming the folder that holds <c>libtorch/libLibTorchSharp.so</c>.</summary>
    public const string NativeDirVariable = "MLSEG_NATIVE_DIR";

    /// <summary>Environment variable naming a libtorch lib folder to bind to (e.g. <c>…/site-packages/torch/lib</c>).</summary>
    public const string LibTorchDirVariable = "MLSEG_LIBTORCH_DIR";

    private const string GlueFile = "libLibTorchSharp.so";
    private static readonly Lock Gate = new();
    private static bool attempted;
    private static string? loadError;
    private static string? gluePath;
    private static string? libTorchDir;
    private static nint glueHandle;

    /// <summary>Why the engine cannot be loaded, or null when it is loaded (tries once).</summary>
    public static string? LoadError
    {
        get
        {
            TryLoad();
            return loadError;
        }
    }

    /// <summary>The loaded <c>libLibTorchSharp.so</c>, or null before loading / when loading failed.</summary>
    public static string? GluePath => gluePath;

    /// <summary>The libtorch folder the glue is bound to (from <c>MLSEG_LIBTORCH_DIR</c> or the prepared stamp).</summary>
    public static string? LibTorchDirectory => libTorchDir;

    /// <summary>
    /// Loads the engine if it can (once per process), without throwing: for module initializers of assemblies that call
    /// TorchSharp, so TorchSharp never initialises before the prepared glue. A failure is kept in <see cref="LoadError"/>.
    /// </summary>
    public static void Preload() => TryLoad();

    /// <summary>Loads the engine or throws <see cref="EngineLoadException"/> naming what is missing and how to fix it.</summary>
    public static void EnsureLoaded()
    {
        if (LoadError is { } error)
        {
            throw new EngineLoadException(error);
        }
    }

    /// <summary>
    /// cuDNN autotuning (PyTorch's <c>torch.backends.cudnn.benchmark</c>): the first convolution of each input shape tries
    /// cuDNN's algorithms and keeps the fastest. Off by default in libtorch; MLSeg's trainer turns it on for CUDA runs.
    /// </summary>
    public static bool CudnnBenchmark
    {
        get
        {
            EnsureLoaded();
            return Native.CudnnSettings.Benchmark;
        }

        set
        {
            EnsureLoaded();
            Native.CudnnSettings.Benchmark = value;
        }
    }

    /// <summary>libtorch's version, where it was loaded from and the devices it sees (for <c>mlseg version</c>).</summary>
    public static EngineInfo Describe()
    {
        EnsureLoaded();
        bool cuda = torch.cuda.is_available();
        int count = cuda ? torch.cuda.device_count() : 0;
        var devices = new List<string> { "cpu" };
        devices.AddRange(Enumerable.Range(0, count).Select(i => $"cuda:{i}"));
        return new EngineInfo(torch.__version__, typeof(torch).Assembly.GetName().Version?.ToString() ?? "?", gluePath!, libTorchDir ?? "?",
            torch.get_num_threads(), cuda, cuda && torch.cuda.is_cudnn_available(), devices, Native.MallocTuning.Applied,
            Native.MallocTuning.HugePages);
    }

#pragma warning disable CA2255 // A library initializer is the point: TorchSharp must not initialise before the prepared glue is loaded.
    [ModuleInitializer]
    internal static void LoadOnFirstUse() => TryLoad();
#pragma warning restore CA2255

    private static void TryLoad()
    {
        lock (Gate)
        {
            if (attempted)
            {
                return;
            }

            attempted = true;
            loadError = Load();
        }
    }

    private static string? Load()
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture != Architecture.X64)
        {
            return $"MLSeg's engine is prepared for linux-x64 only; this is {RuntimeInformation.OSDescription} {RuntimeInformation.ProcessArchitecture}.";
        }

        var searched = new List<string>();
        string? glue = null;
        foreach (string dir in CandidateDirectories())
        {
            string candidate = Path.Combine(dir, "libtorch", GlueFile);
            searched.Add(candidate);
            if (File.Exists(candidate))
            {
                glue = candidate;
                break;
            }
        }

        if (glue is null)
        {
            return $"TorchSharp's native glue ({GlueFile}) was not found; searched {string.Join(", ", searched)}. " +
                   $"Run `make setup` (prepares artifacts/native/libtorch from the NuGet packages TorchSharp and libtorch-cpu-linux-x64), or set {NativeDirVariable}.";
        }

        string stampDir = Path.Combine(Path.GetDirectoryName(glue)!, "libtorch.dir");
        libTorchDir = File.Exists(stampDir) ? File.ReadAllText(stampDir).Trim() : null;
        if (Environment.GetEnvironmentVariable(LibTorchDirVariable) is { Length: > 0 } overrideDir)
        {
            if (PreloadLibTorch(overrideDir) is { } error)
            {
                return error;
            }

            libTorchDir = overrideDir;
        }

        try
        {
            glueHandle = NativeLibrary.Load(glue);
        }
        catch (DllNotFoundException e)
        {
            string hint = e.Message.Contains("GLIBCXX", StringComparison.Ordinal)
                ? " The system libstdc++ is older than the glue needs; `make setup` prepares a patched copy (tools/native/prepare-libtorch.sh) — re-run it."
                : " Re-run `make setup` (its libtorch folder may have moved or been removed from the NuGet cache).";
            return $"Loading {glue} failed: {e.Message}.{hint}";
        }

        gluePath = glue;
        Native.MallocTuning.Apply();
        try
        {
            NativeLibrary.SetDllImportResolver(typeof(torch).Assembly, Resolve);
        }
        catch (InvalidOperationException)
        {
            // The host (e.g. a notebook) installed its own resolver for TorchSharp first; the glue is loaded either way.
        }

        return null;
    }

    private static nint Resolve(string name, Assembly assembly, DllImportSearchPath? path) =>
        name == "LibTorchSharp" ? glueHandle : 0;

    private static string? PreloadLibTorch(string dir)
    {
        // Loading by full path first makes the glue's DT_NEEDED entries (libtorch.so, libc10.so, libtorch_cpu.so) bind
        // to these libraries (same sonames) instead of the ones it was prepared against.
        string[] order = ["libc10.so", "libc10_cuda.so", "libtorch_cpu.so", "libtorch_cuda.so", "libtorch.so"];
        if (!File.Exists(Path.Combine(dir, "libtorch.so")))
        {
            return $"{LibTorchDirVariable}={dir} does not hold libtorch.so; point it at a libtorch lib folder (e.g. <site-packages>/torch/lib).";
        }

        foreach (string lib in order)
        {
            string file = Path.Combine(dir, lib);
            if (!File.Exists(file))
            {
                continue;
            }

            try
            {
                NativeLibrary.Load(file);
            }
            catch (DllNotFoundException e)
            {
                return $"Loading {file} ({LibTorchDirVariable}) failed: {e.Message}. A CUDA libtorch needs its CUDA libraries on the loader path " +
                       "(e.g. LD_LIBRARY_PATH including the nvidia/*/lib folders of the PyTorch install).";
            }
        }

        return null;
    }

    private static IEnumerable<string> CandidateDirectories()
    {
        if (Environment.GetEnvironmentVariable(NativeDirVariable) is { Length: > 0 } env)
        {
            yield return env;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(typeof(TorchRuntime).Assembly.Location) ?? string.Empty })
        {
            for (var dir = string.IsNullOrEmpty(start) ? null : new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, "artifacts", "native");
                if (seen.Add(candidate))
                {
                    yield return candidate;
                }
            }
        }
    }
}

/// <summary>What <see cref="TorchRuntime.Describe"/> reports.</summary>
/// <param name="LibTorchVersion">libtorch's version (e.g. 2.10.0).</param>
/// <param name="TorchSharpVersion">TorchSharp's assembly version.</param>
/// <param name="GluePath">The loaded libLibTorchSharp.so.</param>
/// <param name="LibTorchDirectory">The libtorch folder it is bound to.</param>
/// <param name="Threads">libtorch's intra-op thread count.</param>
/// <param name="CudaAvailable">Whether a CUDA device is usable.</param>
/// <param name="CudnnAvailable">Whether cuDNN is usable.</param>
/// <param name="Devices">cpu, then cuda:0 … cuda:N-1.</param>
/// <param name="MallocTuned">Whether MLSeg fixed glibc's malloc thresholds at load (see <c>MLSEG_MALLOC_TUNING</c>).</param>
/// <param name="MallocHugePages">Whether glibc's malloc uses transparent huge pages (<c>GLIBC_TUNABLES=glibc.malloc.hugetlb=1</c>, set by the <c>mlseg</c> launcher).</param>
public sealed record EngineInfo(string LibTorchVersion, string TorchSharpVersion, string GluePath, string LibTorchDirectory, int Threads,
    bool CudaAvailable, bool CudnnAvailable, IReadOnlyList<string> Devices, bool MallocTuned, bool MallocHugePages)
{
    /// <summary>The malloc thresholds MLSeg set in this process, as <c>mlseg version</c> prints them.</summary>
    public static string MallocThresholds => Native.MallocTuning.Applied
        ? $"mmap threshold {Native.MallocTuning.MmapThresholdBytes >> 20} MiB, trim threshold {Native.MallocTuning.TrimThresholdBytes >> 20} MiB"
        : "glibc's";
}

/// <summary>The engine (TorchSharp + libtorch) could not be loaded; the message names what is missing and how to fix it.</summary>
public sealed class EngineLoadException : MLSeg.Core.Errors.MLSegException
{
    /// <summary>Creates the exception.</summary>
    public EngineLoadException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public EngineLoadException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public EngineLoadException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
