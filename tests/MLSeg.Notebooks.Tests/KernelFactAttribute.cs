using System.Diagnostics;
using MLSeg.TestKit;

namespace MLSeg.Notebooks.Tests;

/// <summary>
/// A fact that runs notebooks in the .NET Interactive kernel; skips naming what is missing (Debian python3's nbclient,
/// the kernel `make notebooks-setup` installs, the MLSeg.Notebooks build, and with <see cref="Chromium"/> /
/// <see cref="Native"/> also Chromium and the libtorch shim). `make test` installs and builds all of them.
/// </summary>
public sealed class KernelFactAttribute : FactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when the kernel or its runner is missing.</summary>
    public KernelFactAttribute()
    {
        Skip = NotebookRunner.SkipReason;
    }

    /// <summary>When true, the test also opens HTML in headless Chromium.</summary>
    public bool Chromium
    {
        get => field;
        set
        {
            field = value;
            if (value && Skip is null && !File.Exists(HeadlessChromium.Path))
            {
                Skip = $"needs {HeadlessChromium.Path} (Debian: apt-get install chromium, or `make setup-test`)";
            }
        }
    }

    /// <summary>When true, the test also needs the engine (TorchSharp + libtorch; the tutorial notebooks train networks).</summary>
    public bool Native
    {
        get => field;
        set
        {
            field = value;
            if (value && Skip is null && MLSeg.Models.Engine.TorchRuntime.LoadError is { } reason)
            {
                Skip = reason;
            }
        }
    }
}

/// <summary>Runs notebooks/run-notebooks.sh, the entry point `make notebooks` uses.</summary>
public static class NotebookRunner
{
    /// <summary>notebooks/run-notebooks.sh.</summary>
    public static string Script => Path.Combine(RepoPaths.Root, "notebooks", "run-notebooks.sh");

    /// <summary>The generated script a notebook's first cell <c>#load</c>s.</summary>
    public static string SetupScript => Path.Combine(RepoPaths.Root, "artifacts", "build", "bin", "MLSeg.Notebooks", "release", "mlseg.csx");

    /// <summary>Why notebooks cannot run here, or null when they can.</summary>
    public static string? SkipReason
    {
        get
        {
            if (ExternalTools.SkipReason("py:nbclient", "py:nbconvert") is { } tools)
            {
                return tools;
            }

            if (!File.Exists(Path.Combine(RepoPaths.Root, "artifacts", "jupyter", "kernels", ".net-csharp", "kernel.json")))
            {
                return "the .NET Interactive kernel is not installed under artifacts/: run `make notebooks-setup`";
            }

            return File.Exists(SetupScript) ? null : $"{SetupScript} is missing: build notebooks/MLSeg.Notebooks in Release (`make build`)";
        }
    }

    /// <summary>Runs the script on <paramref name="notebooks"/> (all of notebooks/ when none) into <paramref name="outDir"/>.</summary>
    public static (int ExitCode, string Stdout, string Stderr) Run(string outDir, params string[] notebooks)
    {
        var psi = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepoPaths.Root,
        };
        psi.ArgumentList.Add(Script);
        foreach (string nb in notebooks)
        {
            psi.ArgumentList.Add(nb);
        }

        psi.Environment["MLSEG_NOTEBOOKS_OUT"] = outDir;
        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEndAsync();
        var stdout = p.StandardOutput.ReadToEndAsync();
        if (!p.WaitForExit(1_800_000))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"run-notebooks.sh {string.Join(' ', notebooks)} did not finish in 30 minutes.");
        }

        return (p.ExitCode, stdout.GetAwaiter().GetResult(), err.GetAwaiter().GetResult());
    }
}
