using System.ComponentModel;
using System.Diagnostics;

namespace MLSeg.Experiments.Running;

/// <summary>Calls Slurm's client programs (<c>sbatch</c>, <c>squeue</c>, <c>scontrol</c>) found on PATH.</summary>
public sealed class SlurmClient
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromMinutes(2);

    /// <summary>Throws <see cref="SlurmException"/> naming the first of <paramref name="programs"/> not found on PATH.</summary>
    public static void RequireOnPath(params string[] programs)
    {
        ArgumentNullException.ThrowIfNull(programs);
        string[] dirs = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        foreach (string program in programs)
        {
            if (!dirs.Any(d => File.Exists(Path.Combine(d, program))))
            {
                throw new SlurmException($"'{program}' was not found on PATH; --executor slurm needs Slurm's client programs (sbatch, squeue, scontrol) on the submitting machine. Install slurm-client or load the cluster's slurm module, or run with --executor local.");
            }
        }
    }

    /// <summary>Submits <paramref name="script"/> with <c>sbatch --parsable</c>, after <paramref name="afterAny"/> when given; returns the job id.</summary>
    public string Submit(string script, string? afterAny = null)
    {
        var args = new List<string> { "--parsable" };
        if (afterAny is not null)
        {
            args.Add($"--dependency=afterany:{afterAny}");
        }

        args.Add(script);
        var (code, stdout, stderr) = Call("sbatch", args);
        // --parsable prints "<id>" or "<id>;<cluster>".
        string id = stdout.Trim().Split(';')[0];
        if (code != 0 || id.Length == 0 || !id.All(char.IsAsciiDigit))
        {
            throw new SlurmException($"sbatch {string.Join(' ', args)} failed (exit {code}): {Brief(stderr, stdout)}");
        }

        return id;
    }

    /// <summary>True while any of <paramref name="jobIds"/> (or a task of an array) is pending or running.</summary>
    public bool AnyQueued(IEnumerable<string> jobIds)
    {
        string list = string.Join(',', jobIds);
        var (code, stdout, stderr) = Call("squeue", ["-h", "-j", list, "-o", "%i"]);
        if (code != 0)
        {
            // A finished job leaves the controller's memory after MinJobAge; squeue then calls its id invalid.
            if (stderr.Contains("Invalid job id", StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            throw new SlurmException($"squeue -j {list} failed (exit {code}): {Brief(stderr, stdout)}");
        }

        return stdout.Split('\n').Any(l => l.Trim().Length > 0);
    }

    /// <summary>
    /// The final states of a job's records (one per array task) from <c>scontrol show job</c>, e.g. COMPLETED or FAILED;
    /// empty once the controller has forgotten the job.
    /// </summary>
    public IReadOnlyList<string> States(string jobId)
    {
        var (code, stdout, _) = Call("scontrol", ["show", "job", "-o", jobId]);
        if (code != 0)
        {
            return [];
        }

        return stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(line => line.Split(' '))
            .Where(f => f.StartsWith("JobState=", StringComparison.Ordinal))
            .Select(f => f["JobState=".Length..])
            .ToList();
    }

    private static (int Code, string Stdout, string Stderr) Call(string program, IReadOnlyList<string> args)
    {
        RequireOnPath(program);
        var psi = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        try
        {
            using var p = Process.Start(psi) ?? throw new SlurmException($"Could not start {program}.");
            var stderr = p.StandardError.ReadToEndAsync();
            string stdout = p.StandardOutput.ReadToEnd();
            if (!p.WaitForExit(CallTimeout))
            {
                p.Kill(entireProcessTree: true);
                throw new SlurmException($"{program} {string.Join(' ', args)} did not answer within {CallTimeout.TotalSeconds:0} s; is slurmctld reachable?");
            }

            return (p.ExitCode, stdout, stderr.GetAwaiter().GetResult());
        }
        catch (Win32Exception ex)
        {
            throw new SlurmException($"Could not start '{program}': {ex.Message}", ex);
        }
    }

    private static string Brief(string stderr, string stdout)
    {
        string text = (stderr.Trim().Length > 0 ? stderr : stdout).Trim();
        return text.Length == 0 ? "(no output)" : text;
    }
}
