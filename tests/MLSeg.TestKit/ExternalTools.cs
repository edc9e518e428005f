using System.Collections.Concurrent;
using System.Diagnostics;

namespace MLSeg.TestKit;

/// <summary>Finds and runs the independent reference tools (Debian's python3 with its modules, dcmtk, gdcm…).</summary>
public static class ExternalTools
{
    /// <summary>Debian's Python; another python3 may come first on PATH and lacks the reference modules.</summary>
    public const string Python = "/usr/bin/python3";

    private static readonly ConcurrentDictionary<string, bool> Cache = new();

    /// <summary>Null when every tool is available, else a reason naming the missing ones.</summary>
    public static string? SkipReason(params string[] tools)
    {
        var missing = tools.Where(t => !Cache.GetOrAdd(t, Available)).ToList();
        return missing.Count == 0 ? null : $"missing reference tools: {string.Join(", ", missing)} (installed by `make setup-test`)";
    }

    /// <summary>Runs a program and returns its standard output; throws with stderr when it exits non-zero.</summary>
    public static string Run(string program, IEnumerable<string> args, string? stdin = null, int timeoutMs = 300_000)
    {
        var psi = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            UseShellExecute = false,
        };
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"Could not start {program}.");
        var stderrTask = p.StandardError.ReadToEndAsync();
        var stdoutTask = p.StandardOutput.ReadToEndAsync();
        if (stdin is not null)
        {
            p.StandardInput.Write(stdin);
            p.StandardInput.Close();
        }

        if (!p.WaitForExit(timeoutMs))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} did not finish within {timeoutMs} ms.");
        }

        string stdout = stdoutTask.GetAwaiter().GetResult();
        string stderr = stderrTask.GetAwaiter().GetResult();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} exited {p.ExitCode}: {stderr}");
        }

        return stdout;
    }

    /// <summary>Runs a Python script (given as source text) with Debian's python3 and returns its standard output.</summary>
    public static string RunPython(string script, params string[] args) =>
        Run(Python, new[] { "-c", script }.Concat(args), timeoutMs: 600_000);

    private static bool Available(string tool)
    {
        if (tool.StartsWith("py:", StringComparison.Ordinal))
        {
            if (!File.Exists(Python))
            {
                return false;
            }

            try
            {
                Run(Python, ["-c", $"import {tool[3..]}"], timeoutMs: 60_000);
                return true;
            }
            catch (InvalidOperationException)
            {
                return false;
            }
        }

        if (Path.IsPathRooted(tool))
        {
            return File.Exists(tool);
        }

        string path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        return path.Split(':', StringSplitOptions.RemoveEmptyEntries).Any(d => File.Exists(Path.Combine(d, tool)));
    }
}
