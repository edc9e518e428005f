using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using MLSeg.Core.IO;
using MLSeg.Experiments.Planning;
using MLSeg.Experiments.Specs;
using MLSeg.Experiments.Store;

namespace MLSeg.Experiments.Running;

/// <summary>
/// Runs a spec's grid on Slurm: prepares the run folder exactly as the local runner does (resolved spec, cohort,
/// <c>splits_final.json</c>), so array tasks only read them; writes <c>slurm/arms.txt</c> with the pending arms and
/// <c>slurm/array.sbatch</c>, one array task per <see cref="SlurmSubmitOptions.ArmsPerTask"/> arms; submits it, then an <c>afterany</c> aggregation job that writes
/// <c>results.csv</c> and the report. Finished arms are never resubmitted, so re-running the same command resumes.
/// </summary>
public sealed class SlurmSubmitter
{
    /// <summary>The record of the last submission under <c>RUN_DIR/slurm/</c>.</summary>
    public const string JobsFile = "jobs.json";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private readonly ExperimentSpec spec;
    private readonly SlurmSubmitOptions options;
    private readonly SlurmClient client;

    /// <summary>A submitter for <paramref name="spec"/> (parsed from a file; tasks re-read that file).</summary>
    public SlurmSubmitter(ExperimentSpec spec, SlurmSubmitOptions options, SlurmClient? client = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(options);
        if (!File.Exists(spec.SourceFile))
        {
            throw new ArgumentException($"Spec '{spec.Name}' was not read from a file (source: {spec.SourceFile}); Slurm array tasks re-read the spec, so it must come from one.");
        }

        this.spec = spec;
        this.options = options;
        this.client = client ?? new SlurmClient();
    }

    /// <summary>Prepares, submits and (with <see cref="SlurmSubmitOptions.Wait"/>) waits; progress lines go to <paramref name="log"/>.</summary>
    public SlurmSubmission Submit(TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(log);
        string runDir = Path.GetFullPath(options.Runner.RunDirectory);
        string specPath = Path.GetFullPath(spec.SourceFile!);
        string slurmDir = SlurmScript.SlurmDirectory(runDir);

        // The runner with neither arms nor aggregation records the resolved spec, prepares the cohort and writes the
        // split: array tasks starting together then find them in place instead of racing to create them.
        new ExperimentRunner(spec, options.Runner with { RunDirectory = runDir, AggregateOnly = true, SkipAggregate = true }).Run();
        ExperimentSpec resolved = spec.Resolve();
        RunFolder folder = RunFolder.Open(runDir, resolved);
        GenerateSourceData(resolved, Path.Combine(folder.Root, "cohorts"));
        IReadOnlyList<Arm> selected = ExperimentPlanner.Plan(resolved)
            .Where(a => options.Runner.Only is null || a.Id.StartsWith(options.Runner.Only, StringComparison.Ordinal) || a.FolderName.Contains(options.Runner.Only, StringComparison.Ordinal))
            .ToList();
        // Arms whose pretraining is still to build lead (one per key), so the first tasks build different sources side by side.
        var pretraining = new SourcePretraining(resolved, options.Runner.CacheDirectory, Path.Combine(folder.Root, "cohorts"), options.Runner.Loader);
        IReadOnlyList<Arm> pending = ArmOrder.PretrainingFirst(selected.Where(a => !folder.IsArmFinished(a)).ToList(), pretraining.NeedsBuild);
        if (pending.Count == 0)
        {
            log.WriteLine($"nothing pending: all {selected.Count} selected arm(s) are finished; aggregating without submitting a job");
            new ExperimentRunner(spec, options.Runner with { RunDirectory = runDir, AggregateOnly = true, SkipAggregate = false }).Run();
            return new SlurmSubmission(null, null, [], options.Wait ? [] : null, []);
        }

        SlurmClient.RequireOnPath("sbatch", "squeue", "scontrol");
        RefuseWhileEarlierJobsQueued(slurmDir);
        string jobName = SlurmScript.JobName(resolved.Name);
        string arrayScript = Path.Combine(slurmDir, SlurmScript.ArrayFile);
        string aggregateScript = Path.Combine(slurmDir, SlurmScript.AggregateFile);
        AtomicFile.WriteAllText(Path.Combine(slurmDir, SlurmScript.ArmsFile), string.Concat(pending.Select(a => a.Id + "\n")));
        AtomicFile.WriteAllText(arrayScript, SlurmScript.Array(jobName, pending.Count, options.Resources, options.Launcher, specPath, runDir, options.DeviceArgument, options.ArmsPerTask, options.JobsArgument, options.CacheArgument));
        AtomicFile.WriteAllText(aggregateScript, SlurmScript.Aggregate(jobName, options.Resources, options.Launcher, specPath, runDir, options.Runner.WriteReport, options.CacheArgument));

        string arrayJob = client.Submit(arrayScript);
        string aggregateJob = client.Submit(aggregateScript, afterAny: arrayJob);
        AtomicFile.WriteAllText(Path.Combine(slurmDir, JobsFile), new JsonObject
        {
            ["arrayJobId"] = arrayJob,
            ["aggregateJobId"] = aggregateJob,
            ["submitted"] = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture),
            ["arms"] = new JsonArray(pending.Select(a => (JsonNode)JsonValue.Create(a.FolderName)).ToArray()),
        }.ToJsonString(Indented) + "\n");
        int tasks = (pending.Count + options.ArmsPerTask - 1) / options.ArmsPerTask;
        log.WriteLine($"submitted array job {arrayJob} ({pending.Count} arm(s) in {tasks} task(s), {selected.Count - pending.Count} already finished) and aggregation job {aggregateJob} (afterany:{arrayJob})");
        log.WriteLine($"logs: {Path.Combine(slurmDir, arrayJob + "_<task>.out")}");
        if (!options.Wait)
        {
            return new SlurmSubmission(arrayJob, aggregateJob, pending, null, []) { ArmsPerTask = options.ArmsPerTask };
        }

        int reported = -1;
        while (client.AnyQueued([arrayJob, aggregateJob]))
        {
            int done = pending.Count(folder.IsArmFinished);
            if (done != reported)
            {
                log.WriteLine($"waiting: {done}/{pending.Count} submitted arm(s) finished");
                reported = done;
            }

            Thread.Sleep(options.PollInterval);
        }

        List<Arm> unfinished = pending.Where(a => !folder.IsArmFinished(a)).ToList();
        return new SlurmSubmission(arrayJob, aggregateJob, pending, unfinished, client.States(aggregateJob)) { ArmsPerTask = options.ArmsPerTask };
    }

    // Synthetic source-task data is generated on first use; generating it here keeps array tasks from writing the
    // same cohort folder at once. Task and size follow SourcePretraining: natural classification images for
    // `classification`, segmentation images for labelled sources, at the cohort's resize unless the source sets one.
    private static void GenerateSourceData(ExperimentSpec resolved, string synthRoot)
    {
        int size = resolved.Preprocessing!.Resize ?? SpecDefaults.SynthSize;
        foreach (SourceSpec source in resolved.Sources)
        {
            if (source.Data?.Synth is { } synth && source.Name is "classification" or "segmentation" or "supervised")
            {
                var task = source.Name == "classification" ? Synthetic.Natural.NaturalTask.Classification : Synthetic.Natural.NaturalTask.Segmentation;
                CohortData.GenerateSynthetic(synth with { Size = synth.Size ?? size }, task, synthRoot);
            }
        }
    }

    // Two submissions of one run folder at once would run the same arm twice into one folder.
    private void RefuseWhileEarlierJobsQueued(string slurmDir)
    {
        string path = Path.Combine(slurmDir, JobsFile);
        if (!File.Exists(path))
        {
            return;
        }

        JsonNode? jobs;
        try
        {
            jobs = JsonNode.Parse(File.ReadAllText(path));
        }
        catch (JsonException ex)
        {
            throw new SlurmException($"{path}: damaged submission record ({ex.Message}); delete it once no job of this run is queued.", ex);
        }

        string?[] ids = [jobs?["arrayJobId"]?.GetValue<string>(), jobs?["aggregateJobId"]?.GetValue<string>()];
        List<string> known = ids.OfType<string>().ToList();
        if (known.Count > 0 && client.AnyQueued(known))
        {
            throw new SlurmException($"An earlier submission of this run folder (job(s) {string.Join(", ", known)}, {path}) is still queued or running; " +
                $"wait for it (squeue -j {string.Join(',', known)}) or cancel it (scancel {string.Join(' ', known)}) before submitting again.");
        }
    }
}
