using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json.Nodes;
using MLSeg.Charts.Data;
using MLSeg.Charts.Report;
using MLSeg.Core.Caching;
using MLSeg.Core.IO;
using MLSeg.Core.Randomness;
using MLSeg.Evaluation.Studies;
using MLSeg.Experiments.Planning;
using MLSeg.Experiments.Specs;
using MLSeg.Experiments.Splits;
using MLSeg.Experiments.Store;
using MLSeg.Training.FineTuning;

namespace MLSeg.Experiments.Running;

/// <summary>
/// Runs an experiment spec's grid locally: resolves and records the spec, prepares the cohort, creates or checks
/// <c>splits_final.json</c>, runs every pending arm (finished arms are skipped untouched; a half-done arm restarts from
/// an empty folder), aggregates <c>results.csv</c> and writes the report. A killed run resumes where it stopped.
/// Arms run <see cref="RunnerOptions.Jobs"/> at a time (<see cref="ArmScheduler"/>; <see cref="RunnerOptions.AutoJobs"/>
/// chooses the number with <see cref="ArmConcurrency"/>), the arms that build a pretraining first
/// (<see cref="ArmOrder.PretrainingFirst"/>); each arm's randomness comes from its own seeds, so results do not depend on
/// how many run at once or in which order. Each arm's manifest records where its time went (<see cref="ArmPhaseClock"/>). If an arm fails, the arms already running finish,
/// no new one starts, aggregation is skipped and the failure is rethrown as an <see cref="ArmFailedException"/>.
/// </summary>
public sealed class ExperimentRunner
{
    private readonly ExperimentSpec spec;
    private readonly RunnerOptions options;
    private int jobs;
    private string? jobsReason;

    /// <summary>A runner for <paramref name="spec"/> (parsed; it is resolved here).</summary>
    public ExperimentRunner(ExperimentSpec spec, RunnerOptions options)
    {
        // The runner calls TorchSharp directly (thread counts, versions): the engine must be loaded before that.
        MLSeg.Models.Engine.TorchRuntime.EnsureLoaded();
        this.spec = spec.Resolve();
        this.options = options;
        jobs = options.Jobs;
    }

    /// <summary>The report's index.html once <see cref="Run"/> wrote it.</summary>
    public string? ReportPath { get; private set; }

    /// <summary>Runs the pending arms; returns (arms run now, arms skipped as finished).</summary>
    public (int Ran, int Skipped) Run(IProgress<RunProgress>? progress = null)
    {
        MLSeg.Models.Engine.Devices.RequireAvailable(options.Device);
        // Nothing is written into the run folder before the spec is known to fit it and the cohort has loaded: a bad
        // manifest row must not claim the folder for a spec that never ran.
        string root = Path.GetFullPath(options.RunDirectory);
        RunFolder.CheckReusable(root, spec, options.Force);
        string synthRoot = Path.Combine(root, "cohorts");
        string manifest = CohortData.ResolveManifest(spec.Cohort, spec.SourceFile, synthRoot);
        SourceCohortOverlap.Check(spec, manifest, synthRoot); // a source patient in the target cohort is leakage: fail before training
        CohortFingerprint cohort = CohortFingerprint.Of(spec);
        IReadOnlyList<Arm> plan = ExperimentPlanner.Plan(spec, cohort);
        IReadOnlyList<Arm> arms = plan
            .Where(a => options.Only is null || a.Id.StartsWith(options.Only, StringComparison.Ordinal) || a.FolderName.Contains(options.Only, StringComparison.Ordinal))
            .Where(a => options.ArmIds is null || options.ArmIds.Contains(a.Id))
            .ToList();
        if (options.Only is not null && arms.Count == 0)
        {
            throw new ArgumentException($"--only '{options.Only}' matches no arm of {spec.SourceFile}; `mlseg plan` lists the ids.");
        }

        if (options.ArmIds?.FirstOrDefault(id => plan.All(a => a.Id != id)) is { } unknown)
        {
            throw new ArgumentException($"'{unknown}' is not the full id of an arm of {spec.SourceFile}; `mlseg plan` lists the ids.");
        }

        progress?.Report(new RunProgress(0, arms.Count, null, $"preparing cohort ({spec.Cohort.ToJson().ToJsonString()})") { Jobs = jobs });
        ContentHashCache? preprocessed = options.PreprocessedCacheDirectory is { } cacheDir ? ContentHashCache.FromEnvironment(cacheDir) : null;
        CohortData data = CohortData.Load(manifest, spec.Preprocessing!, spec.Model!.Classes ?? SpecDefaults.CtClasses, options.Loader, preprocessed, cohort.FileDigests);
        RunFolder folder = RunFolder.Open(root, spec, options.Force);
        folder.WritePlan(plan);
        if (folder.StaleArmFolders(plan) is { Count: > 0 } stale)
        {
            progress?.Report(new RunProgress(0, arms.Count, null,
                $"{stale.Count} arm folder(s) in {Path.Combine(root, "arms")} belong to an earlier spec or cohort; left in place, not part of results.csv or the report: {string.Join(", ", stale)}")
            { Jobs = jobs });
        }

        FoldsSpec foldsSpec = spec.Folds!;
        PatientFolds folds = SplitsFile.LoadOrCreate(folder.SplitsPath, data.Patients.ToList(), foldsSpec.K ?? 4, new SeedSource((ulong)(foldsSpec.Seed ?? 0)));
        var pretraining = new SourcePretraining(spec, options.CacheDirectory, synthRoot, options.Loader, preprocessed);
        var run = new ArmRun(spec, data, folds, pretraining, options.Device);

        int ran = 0, skipped = 0;
        var pending = new List<Arm>();
        foreach (Arm arm in options.AggregateOnly ? [] : arms)
        {
            if (folder.IsArmFinished(arm))
            {
                skipped++;
                progress?.Report(new RunProgress(skipped, arms.Count, arm.FolderName, "already finished, skipped") { Kind = RunProgressKind.ArmSkipped, Jobs = jobs });
            }
            else
            {
                pending.Add(arm);
            }
        }

        if (pending.Count > 0)
        {
            IArmExecutor executor = options.ArmExecutor
                ?? throw new InvalidOperationException($"RunnerOptions.ArmExecutor is not set, and {pending.Count} arm(s) of {spec.SourceFile} are pending; the CLI passes the facade's ArmChainExecutor.");
            if (options.AutoJobs)
            {
                JobsChoice choice = ArmConcurrency.Auto(spec, options.Device, pending.Count);
                jobs = choice.Jobs;
                jobsReason = choice.Reason;
                progress?.Report(new RunProgress(skipped, arms.Count, null, $"--jobs auto: {choice.Jobs} arm(s) at once ({choice.Reason})") { Jobs = jobs });
            }

            // With several arms at once, one arm per pretraining still to build starts first (different sources pretrain
            // side by side), then the arms that need none; a single job keeps the plan's order.
            IReadOnlyList<Arm> order = jobs > 1 ? ArmOrder.PretrainingFirst(pending, pretraining.NeedsBuild) : pending;
            ran = RunPending(order, folder, (arm, dir, armProgress) => executor.Run(run, arm, dir, armProgress), skipped, arms.Count, progress);
        }

        if (!options.SkipAggregate)
        {
            Aggregate(folder, data, plan);
        }

        return (ran, skipped);
    }

    /// <summary>
    /// Runs the pending arms, <see cref="RunnerOptions.Jobs"/> at a time. libtorch's intra-op thread count is split
    /// between the arms running at once (at least one each), or <see cref="RunnerOptions.ThreadsPerArm"/>, and restored afterwards: set from each arm's own thread,
    /// since under OpenMP every calling thread keeps its own team size.
    /// </summary>
    private int RunPending(IReadOnlyList<Arm> pending, RunFolder folder, ArmFunc executor, int skipped, int total, IProgress<RunProgress>? progress)
    {
        int threads = TorchSharp.torch.get_num_threads();
        int perArm = options.ThreadsPerArm ?? Math.Max(1, threads / Math.Min(jobs, pending.Count));
        int done = skipped;
        try
        {
            return ArmScheduler.Run(pending, jobs, arm =>
            {
                TorchSharp.torch.set_num_threads(perArm);
                RunArm(arm, folder, executor, perArm, () => Volatile.Read(ref done), () => Interlocked.Increment(ref done), total, progress);
            }, arm => arm.FolderName);
        }
        finally
        {
            TorchSharp.torch.set_num_threads(threads);
        }
    }

    private void RunArm(Arm arm, RunFolder folder, ArmFunc executor, int perArm, Func<int> done, Func<int> finish, int total, IProgress<RunProgress>? progress)
    {
        string dir = folder.ArmDirectory(arm);
        if (Directory.Exists(dir))
        {
            Directory.Delete(dir, recursive: true); // a half-done arm from a killed or failed run restarts cleanly
        }

        Directory.CreateDirectory(dir);
        var clock = Stopwatch.StartNew();
        var phases = new ArmPhaseClock(clock);
        progress?.Report(new RunProgress(done(), total, arm.FolderName, "started") { Kind = RunProgressKind.ArmStarted, Jobs = jobs });
        try
        {
            var (rows, details) = executor(arm, dir, new SynchronousProgress<TrainingProgress>(t =>
            {
                phases.Observe(t);
                progress?.Report(new RunProgress(done(), total, arm.FolderName, t.Phase, t) { Jobs = jobs });
            }));
            details["phaseSeconds"] = phases.Finish();
            AtomicFile.WriteAllText(Path.Combine(dir, PartFile), ResultRow.Header + "\n" + string.Concat(rows.Select(r => r.ToCsv() + "\n")));
            details["status"] = "done";
            details["armId"] = arm.Id;
            details["source"] = arm.Source;
            details["subset"] = arm.Subset;
            details["n"] = arm.Size;
            details["fold"] = arm.Fold;
            details["seed"] = arm.Seed;
            details["cohortFingerprint"] = arm.CohortFingerprint;
            details["executor"] = options.Executor;
            details["armExecutor"] = options.ArmExecutor!.Name;
            details["jobs"] = jobs;
            if (jobsReason is not null)
            {
                details["jobsAuto"] = jobsReason;
            }

            details["threadsPerArm"] = perArm;
            foreach (var (key, value) in options.ExecutorDetails)
            {
                details[key] = value;
            }

            details["versions"] = Versions();
            details["wallSeconds"] = Math.Round(clock.Elapsed.TotalSeconds, 3);
            folder.MarkArmDone(arm, details);
        }
        catch (Exception ex)
        {
            progress?.Report(new RunProgress(done(), total, arm.FolderName, $"failed: {ex.Message}") { Kind = RunProgressKind.ArmFailed, Jobs = jobs });
            throw;
        }

        int now = finish();
        progress?.Report(new RunProgress(now, total, arm.FolderName, FormattableString.Invariant($"done in {clock.Elapsed.TotalSeconds:F1} s"))
        {
            Kind = RunProgressKind.ArmFinished,
            ArmWallTime = clock.Elapsed,
            Jobs = jobs,
        });
    }

    /// <summary>Name of each arm's own results file, merged into results.csv.</summary>
    public const string PartFile = "results.part.csv";

    /// <summary>
    /// Concatenates the rows of every finished arm of the current plan into results.csv (atomically) and computes the
    /// human band. Arm folders of an earlier spec or cohort are never read: results.csv holds exactly this plan's arms.
    /// </summary>
    private void Aggregate(RunFolder folder, CohortData data, IReadOnlyList<Arm> plan)
    {
        var text = new StringBuilder(ResultRow.Header).Append('\n');
        foreach (Arm arm in plan.Where(folder.IsArmFinished).OrderBy(a => a.FolderName, StringComparer.Ordinal))
        {
            string part = Path.Combine(folder.ArmDirectory(arm), PartFile);
            if (!File.Exists(part))
            {
                throw new RunFolderException($"{part} is missing although the arm's manifest says done; delete {folder.ArmDirectory(arm)} to re-run the arm.");
            }

            foreach (string line in File.ReadLines(part).Skip(1))
            {
                text.Append(line).Append('\n');
            }
        }

        AtomicFile.WriteAllText(folder.ResultsPath, text.ToString());
        Evaluation.Studies.HumanBand? band = null;
        var observed = data.Cases.Where(c => c.Observers.Count >= 2)
            .Select(c => new ObserverCase(c.CaseId, c.Observers)).ToList();
        if (observed.Count > 0)
        {
            band = InterObserverAnalysis.Run(observed).Band("dice", 1);
            AtomicFile.WriteAllText(Path.Combine(folder.Root, "human_band.json"),
                new JsonObject { ["metric"] = "dice", ["label"] = 1, ["lower"] = band.Value.Lower, ["upper"] = band.Value.Upper, ["cases"] = observed.Count }.ToJsonString() + "\n");
        }

        if (options.WriteReport && File.ReadLines(folder.ResultsPath).Skip(1).Any())
        {
            var bands = new Dictionary<Metric, Charts.Data.HumanBand>();
            if (band is { } b)
            {
                bands[Metric.Dice] = new Charts.Data.HumanBand(b.Lower, b.Upper);
            }

            ReportPath = ReportSite.Write(folder.Root, new ReportOptions { HumanBands = bands });
        }
    }

    private static JsonObject Versions() => new()
    {
        ["mlseg"] = typeof(ExperimentRunner).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion,
        ["dotnet"] = RuntimeInformation.FrameworkDescription,
        ["libtorch"] = TorchSharp.torch.__version__,
        ["os"] = RuntimeInformation.OSDescription,
        ["cpuThreads"] = TorchSharp.torch.get_num_threads().ToString(CultureInfo.InvariantCulture),
    };

    private delegate (IReadOnlyList<ResultRow> Rows, JsonObject Details) ArmFunc(Arm arm, string armDir, IProgress<TrainingProgress>? progress);

    // Reports on the calling thread (Progress<T> would post to the thread pool and reorder lines).
    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
