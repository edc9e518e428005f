using System.Diagnostics;

namespace MLSeg.MLNetApp.Tests;

/// <summary>
/// Runs <c>mlseg export-onnx --checkpoint Fixtures/unet-tiny.safetensors --out model.onnx --mlnet pipeline.zip</c> once
/// (the built CLI, as a separate process) and keeps the files for the tests.
/// </summary>
public sealed class ExportedPipeline : IDisposable
{
    public ExportedPipeline()
    {
        Directory = Path.Combine(Path.GetTempPath(), $"mlseg-mlnet-app-{Guid.NewGuid():N}");
        System.IO.Directory.CreateDirectory(Directory);
        OnnxPath = Path.Combine(Directory, "model.onnx");
        PipelinePath = Path.Combine(Directory, "pipeline.zip");
        string checkpoint = Path.Combine(AppContext.BaseDirectory, "Fixtures", "unet-tiny.safetensors");
        (int code, string output) = Cli.Run("export-onnx", "--checkpoint", checkpoint, "--out", OnnxPath, "--mlnet", PipelinePath);
        Output = output;
        Assert.True(code == 0, $"mlseg export-onnx exited {code}: {output}");
    }

    public string Directory { get; }

    public string OnnxPath { get; }

    public string PipelinePath { get; }

    public string Output { get; }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}

/// <summary>The built MLSeg CLI, run as a process.</summary>
internal static class Cli
{
    private static readonly Lazy<string?> Unavailable = new(() =>
    {
        if (!File.Exists(DllPath))
        {
            return $"the MLSeg CLI is not built at {DllPath}";
        }

        (int code, string output) = Run("version");
        return code == 0 ? null : $"`mlseg version` fails here (the engine's native library is missing; run make setup): {output.Trim()}";
    });

    /// <summary>Why the CLI cannot export here, or null when it can.</summary>
    public static string? UnavailableReason => Unavailable.Value;

    private static string DllPath
    {
        get
        {
            string dir = AppContext.BaseDirectory;
            while (!File.Exists(Path.Combine(dir, "MLSeg.sln")))
            {
                dir = Path.GetDirectoryName(dir) ?? throw new InvalidOperationException($"No MLSeg.sln above {AppContext.BaseDirectory}.");
            }

            string config = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}debug", StringComparison.Ordinal) ? "debug" : "release";
            return Path.Combine(dir, "artifacts", "build", "bin", "MLSeg.Cli", config, "MLSeg.Cli.dll");
        }
    }

    public static (int Code, string Output) Run(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(DllPath);
        foreach (string a in args)
        {
            start.ArgumentList.Add(a);
        }

        using Process process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}

/// <summary>A fact that needs the MLSeg CLI to export (built, with its engine's native library); skips with the reason otherwise.</summary>
public sealed class ExportFactAttribute : FactAttribute
{
    public ExportFactAttribute() => Skip = Cli.UnavailableReason;
}
