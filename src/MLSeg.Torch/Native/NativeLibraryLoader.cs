using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using MLSeg.Core.Errors;

namespace MLSeg.Torch.Native;

/// <summary>
/// Finds <c>libmlseg_torch.so</c> (<c>MLSEG_NATIVE_DIR</c>, else <c>artifacts/native</c> above the running assembly,
/// else the loader's default search) and checks its ABI version once, so a stale or missing shim fails with a clear
/// message instead of an EntryPointNotFoundException deep inside a training loop.
/// </summary>
internal static class NativeLibraryLoader
{
    internal const string LibraryName = "mlseg_torch";
    private const int ExpectedAbiVersion = 2;
    private static readonly Lazy<string?> LoadError = new(Verify);

    // A library module initializer is the one place that runs before any P/Invoke of this assembly can bind, which is
    // exactly when the resolver must be in place; no application code is involved.
#pragma warning disable CA2255
    [ModuleInitializer]
    internal static void Register() => NativeLibrary.SetDllImportResolver(typeof(NativeLibraryLoader).Assembly, Resolve);
#pragma warning restore CA2255

    /// <summary>Throws a <see cref="NativeEngineException"/> when the shim cannot be loaded or has another ABI version.</summary>
    public static void EnsureLoaded()
    {
        if (LoadError.Value is { } error)
        {
            throw new NativeEngineException(error);
        }
    }

    /// <summary>Null when the shim loads and matches; otherwise why not.</summary>
    public static string? TryLoad() => LoadError.Value;

    private static string? Verify()
    {
        try
        {
            int status = NativeMethods.mlseg_abi_version(out int version);
            if (status != 0 || version != ExpectedAbiVersion)
            {
                return $"libmlseg_torch ABI version {version} does not match the {ExpectedAbiVersion} this MLSeg.Torch expects; rebuild it with `make setup`.";
            }

            return null;
        }
        catch (DllNotFoundException ex)
        {
            return $"The MLSeg libtorch shim (libmlseg_torch.so) or libtorch itself could not be loaded: {ex.Message} " +
                   "Run `make setup` (installs Debian libtorch-dev and builds the shim into artifacts/native), or set MLSEG_NATIVE_DIR.";
        }
        catch (EntryPointNotFoundException ex)
        {
            return $"libmlseg_torch.so is stale or foreign ({ex.Message}); rebuild it with `make setup`.";
        }
    }

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (name != LibraryName)
        {
            return IntPtr.Zero;
        }

        foreach (string dir in CandidateDirectories())
        {
            string path = Path.Combine(dir, "libmlseg_torch.so");
            if (File.Exists(path) && NativeLibrary.TryLoad(path, out IntPtr lib))
            {
                return lib;
            }
        }

        return IntPtr.Zero; // fall back to the default probing (LD_LIBRARY_PATH, system folders)
    }

    private static IEnumerable<string> CandidateDirectories()
    {
        string? env = Environment.GetEnvironmentVariable("MLSEG_NATIVE_DIR");
        if (!string.IsNullOrEmpty(env))
        {
            yield return env;
        }

        yield return AppContext.BaseDirectory;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            yield return Path.Combine(dir.FullName, "artifacts", "native");
        }
    }
}
