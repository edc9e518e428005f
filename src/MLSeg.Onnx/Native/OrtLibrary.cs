using System.Runtime.InteropServices;
using MLSeg.Core.Errors;

namespace MLSeg.Onnx.Native;

/// <summary>
/// Loads <c>libonnxruntime.so.1</c> once (<c>MLSEG_ORT_LIB</c>, else <c>artifacts/native</c> above the running
/// assembly) and resolves the <c>OrtApi</c> table of <see cref="ApiVersion"/> through <c>OrtGetApiBase()</c>.
/// </summary>
internal static unsafe class OrtLibrary
{
    /// <summary>ORT_API_VERSION of the pinned onnxruntime-node 1.22.0 (the Makefile's ORT_VERSION).</summary>
    public const uint ApiVersion = 22;

    /// <summary>The environment variable naming another ONNX Runtime build (a full path to the .so).</summary>
    public const string PathVariable = "MLSEG_ORT_LIB";

    private const string FileName = "libonnxruntime.so.1";
    private static readonly Lazy<State> Loaded = new(Load);

    /// <summary>Null when the library loads and offers the API version; otherwise why not.</summary>
    public static string? LoadError => Loaded.Value.Error;

    /// <summary>The path the library was loaded from.</summary>
    public static string Path => Require().Path;

    /// <summary>ONNX Runtime's own version string, e.g. 1.22.0.</summary>
    public static string Version => Require().Version;

    /// <summary>The OrtApi table: an array of function pointers indexed by <see cref="OrtApiIndex"/>.</summary>
    public static void** Api => Require().Api;

    private static State Require()
    {
        State s = Loaded.Value;
        return s.Error is null ? s : throw new NativeEngineException(s.Error);
    }

    private static State Load()
    {
        string? path = Locate(out string searched);
        if (path is null)
        {
            return State.Failed($"ONNX Runtime ({FileName}) was not found (looked in {searched}). Run `make setup` " +
                                $"(installs npm onnxruntime-node into artifacts/native), or set {PathVariable} to the full path of a libonnxruntime.so.");
        }

        IntPtr lib;
        try
        {
            lib = NativeLibrary.Load(path);
        }
        catch (DllNotFoundException ex)
        {
            return State.Failed($"ONNX Runtime at '{path}' could not be loaded: {ex.Message} Run `make setup`, or point {PathVariable} at a working build.");
        }

        if (!NativeLibrary.TryGetExport(lib, "OrtGetApiBase", out IntPtr getApiBase))
        {
            return State.Failed($"'{path}' has no OrtGetApiBase export; it is not an ONNX Runtime library.");
        }

        // struct OrtApiBase { const OrtApi* (*GetApi)(uint32_t); const char* (*GetVersionString)(void); }
        void** apiBase = ((delegate* unmanaged<void**>)getApiBase)();
        string version = Marshal.PtrToStringUTF8((IntPtr)((delegate* unmanaged<byte*>)apiBase[1])()) ?? "unknown";
        void** api = ((delegate* unmanaged<uint, void**>)apiBase[0])(ApiVersion);
        if (api is null)
        {
            return State.Failed($"ONNX Runtime {version} at '{path}' does not offer C API version {ApiVersion} (ONNX Runtime 1.22 or newer is needed). " +
                                $"Run `make setup`, or point {PathVariable} at a newer build.");
        }

        return new State(null, path, version, api);
    }

    private static string? Locate(out string searched)
    {
        var tried = new List<string>();
        string? env = Environment.GetEnvironmentVariable(PathVariable);
        if (!string.IsNullOrEmpty(env))
        {
            // An explicit choice is never second-guessed: a wrong path is an error, not a reason to look elsewhere.
            searched = $"{PathVariable}={env}";
            return File.Exists(env) ? env : null;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = System.IO.Path.Combine(dir.FullName, "artifacts", "native", FileName);
            tried.Add(System.IO.Path.GetDirectoryName(candidate)!);
            if (File.Exists(candidate))
            {
                searched = candidate;
                return candidate;
            }
        }

        searched = tried.Count == 0 ? "(no folders)" : $"artifacts/native above {AppContext.BaseDirectory}";
        return null;
    }

    private sealed class State(string? error, string path, string version, void** api)
    {
        public string? Error { get; } = error;

        public string Path { get; } = path;

        public string Version { get; } = version;

        public void** Api { get; } = api;

        public static State Failed(string error) => new(error, string.Empty, string.Empty, null);
    }
}
