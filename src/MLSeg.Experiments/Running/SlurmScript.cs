using System.Globalization;
using System.Text;

namespace MLSeg.Experiments.Running;

/// <summary>
/// The text of the two batch scripts a Slurm submission writes: the arm array (task <c>i</c> runs lines
/// <c>i·K + 1 … i·K + K</c> of <c>arms.txt</c>, K arms per task, in one process that loads the cohort once) and the
/// aggregation job.
/// </summary>
public static class SlurmScript
{
    /// <summary>The array script's file name under <c>RUN_DIR/slurm/</c>.</summary>
    public const string ArrayFile = "array.sbatch";

    /// <summary>The aggregation script's file name under <c>RUN_DIR/slurm/</c>.</summary>
    public const string AggregateFile = "aggregate.sbatch";

    /// <summary>The arm list's file name under <c>RUN_DIR/slurm/</c>: one arm id per line, line i+1 for task i.</summary>
    public const string ArmsFile = "arms.txt";

    /// <summary>
    /// The array script for <paramref name="armCount"/> arms, <paramref name="armsPerTask"/> per task (the array has
    /// ⌈arms / K⌉ tasks; the last may run fewer). <paramref name="launcher"/> is the program and leading arguments that
    /// start mlseg (e.g. <c>dotnet /abs/MLSeg.Cli.dll</c>); <paramref name="specPath"/> and <paramref name="runDirectory"/>
    /// must be absolute, as tasks start on other nodes. <paramref name="jobs"/> (a number or <c>auto</c>) is how many of a
    /// task's arms run at once; the time limit is the per-arm one times ⌈K / jobs⌉ (times K for <c>auto</c>).
    /// </summary>
    public static string Array(string jobName, int armCount, SlurmResources resources, IReadOnlyList<string> launcher, string specPath, string runDirectory, string device,
        int armsPerTask = 1, string jobs = "1", string? cacheDirectory = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(armCount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(armsPerTask);
        ArgumentNullException.ThrowIfNull(resources);
        ArgumentNullException.ThrowIfNull(jobs);
        int concurrent = jobs == "auto" ? 1
            : int.TryParse(jobs, NumberStyles.None, CultureInfo.InvariantCulture, out int j) && j >= 1 ? j
            : throw new ArgumentException($"jobs '{jobs}' is neither a number ≥ 1 nor 'auto'.", nameof(jobs));
        int tasks = (armCount + armsPerTask - 1) / armsPerTask;
        string slurmDir = SlurmDirectory(runDirectory);
        string time = SlurmTime.Scale(resources.Time, (armsPerTask + concurrent - 1) / concurrent);
        var text = Header(jobName, resources.Partition, time, Path.Combine(slurmDir, "%A_%a.out"));
        text.Append(CultureInfo.InvariantCulture, $"#SBATCH --array=0-{tasks - 1}\n");
        text.Append(CultureInfo.InvariantCulture, $"#SBATCH --cpus-per-task={resources.Cpus}\n");
        if (resources.HasGres)
        {
            text.Append(CultureInfo.InvariantCulture, $"#SBATCH --gres={resources.Gres}\n");
        }

        string arms = Quote(Path.Combine(slurmDir, ArmsFile));
        text.Append('\n').Append("set -euo pipefail\n")
            .Append(CultureInfo.InvariantCulture, $"first=$((SLURM_ARRAY_TASK_ID * {armsPerTask} + 1))\n")
            .Append(CultureInfo.InvariantCulture, $"arms=$(sed -n \"${{first}},$((first + {armsPerTask - 1}))p\" {arms} | paste -sd, -)\n")
            .Append(CultureInfo.InvariantCulture, $"if [ -z \"$arms\" ]; then echo \"mlseg: {ArmsFile} has no arm on line $first\" >&2; exit 2; fi\n")
            .Append("echo \"mlseg: array task ${SLURM_ARRAY_JOB_ID}_${SLURM_ARRAY_TASK_ID} runs arm(s) $arms on $(hostname)\"\n")
            .Append("exec ").Append(Command(launcher, specPath, runDirectory, cacheDirectory))
            .Append(" --arm \"$arms\" --executor slurm-task --device ").Append(Quote(device))
            .Append(jobs == "1" ? string.Empty : " --jobs " + Quote(jobs)).Append('\n');
        return text.ToString();
    }

    /// <summary>The aggregation script: one CPU, no generic resources, <c>run --aggregate-only</c>.</summary>
    public static string Aggregate(string jobName, SlurmResources resources, IReadOnlyList<string> launcher, string specPath, string runDirectory, bool writeReport, string? cacheDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(resources);
        var text = Header(jobName + "-aggregate", resources.Partition, resources.Time, Path.Combine(SlurmDirectory(runDirectory), "aggregate_%j.out"));
        text.Append("#SBATCH --cpus-per-task=1\n\nset -euo pipefail\nexec ")
            .Append(Command(launcher, specPath, runDirectory, cacheDirectory)).Append(" --aggregate-only")
            .Append(writeReport ? "" : " --no-report").Append('\n');
        return text.ToString();
    }

    /// <summary><c>RUN_DIR/slurm</c>.</summary>
    public static string SlurmDirectory(string runDirectory) => Path.Combine(Path.GetFullPath(runDirectory), "slurm");

    /// <summary><c>mlseg-&lt;name&gt;</c> with every character outside [A-Za-z0-9._-] replaced by '-'.</summary>
    public static string JobName(string specName)
    {
        ArgumentNullException.ThrowIfNull(specName);
        return "mlseg-" + string.Concat(specName.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '-'));
    }

    /// <summary>Quotes <paramref name="value"/> for bash: single quotes, an embedded quote written as <c>'\''</c>.</summary>
    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }

    private static StringBuilder Header(string jobName, string partition, string time, string output)
    {
        // #SBATCH lines are not parsed by a shell, so a path with whitespace cannot be quoted there.
        if (output.Any(char.IsWhiteSpace))
        {
            throw new ArgumentException($"The run folder '{Path.GetDirectoryName(output)}' contains whitespace, which an #SBATCH --output line cannot carry; choose an --out folder without spaces.");
        }

        return new StringBuilder("#!/bin/bash\n")
            .Append(CultureInfo.InvariantCulture, $"#SBATCH --job-name={jobName}\n")
            .Append(CultureInfo.InvariantCulture, $"#SBATCH --output={output}\n")
            .Append(partition.Length > 0 ? $"#SBATCH --partition={partition}\n" : string.Empty) // none named: the cluster's default
            .Append(CultureInfo.InvariantCulture, $"#SBATCH --time={time}\n");
    }

    private static string Command(IReadOnlyList<string> launcher, string specPath, string runDirectory, string? cacheDirectory)
    {
        ArgumentNullException.ThrowIfNull(launcher);
        if (launcher.Count == 0)
        {
            throw new ArgumentException("The mlseg launcher command is empty.", nameof(launcher));
        }

        foreach (string path in new[] { specPath, runDirectory, cacheDirectory ?? "/" })
        {
            if (!Path.IsPathFullyQualified(path))
            {
                throw new ArgumentException($"'{path}' must be an absolute path: array tasks start in other folders and on other nodes.");
            }
        }

        return string.Join(' ', launcher.Select(Quote)) + " run " + Quote(specPath) + " --out " + Quote(runDirectory)
            + (cacheDirectory is null ? string.Empty : " --cache " + Quote(cacheDirectory));
    }
}
