using System.CommandLine;
using System.Globalization;
using System.Reflection;
using MLSeg.Arms;
using MLSeg.Cli.Progress;
using MLSeg.Experiments.Planning;
using MLSeg.Experiments.Running;
using MLSeg.Experiments.Specs;
using MLSeg.IO;
using MLSeg.Models.Engine;
using TorchSharp;
using Spectre.Console;

namespace MLSeg.Cli.Commands;

/// <summary>
/// <c>mlseg run SPEC [--out DIR] [--only ID] [--jobs N|auto] [--progress auto|live|plain] [--device cpu|cuda] [--force]
/// [--executor local|slurm] [--arms-per-task K] [--wait] [--partition P] [--time T] [--cpus N] [--gres G] [--aggregate-only]</c>:
/// runs an experiment grid locally (up to N arms at once in one process, libtorch's CPU threads split between them) or as a
/// Slurm array (K arms per task, N of them at once), resumably. Progress is a live Spectre.Console display on a terminal and one plain line per event otherwise.
/// </summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var spec = new Argument<string>("SPEC") { Description = "Experiment spec (pipelines/*.yaml)." };
        var outDir = new Option<string?>("--out") { Description = "Run folder (default artifacts/runs/<spec name>)." };
        var cacheDir = new Option<string?>("--cache") { Description = "Cache folder: pretrained/ (encoders, built once per key) and preprocessed/ (decoded, windowed, resized images); default artifacts/cache. Slurm tasks use the same folder." };
        var only = new Option<string?>("--only", "--arm") { Description = "Run only arms whose id starts with (or folder name contains) this text." };
        var device = new Option<string>("--device") { Description = "cpu, cuda or cuda:N.", DefaultValueFactory = _ => "cpu" };
        var force = new Option<bool>("--force") { Description = "Switch a run folder made for another spec to this one: arms both specs share are reused, the others run; the old spec's arm folders stay but are left out of results.csv and the report." };
        var noReport = new Option<bool>("--no-report") { Description = "Skip writing report/index.html at the end." };
        var executor = new Option<string>("--executor") { Description = "local (this machine) or slurm (an array task per --arms-per-task pending arms, then an aggregation job); slurm-task is what each array task runs.", DefaultValueFactory = _ => "local" };
        var wait = new Option<bool>("--wait") { Description = "slurm: wait for the array and aggregation jobs; exit non-zero if an arm did not finish." };
        var partition = new Option<string?>("--partition") { Description = "slurm: partition (overrides resources.slurm.partition; neither set: the cluster's default partition)." };
        var time = new Option<string?>("--time") { Description = "slurm: time limit per arm (overrides resources.slurm.time); a task of K arms asks for it × ⌈K / jobs⌉." };
        var cpus = new Option<int?>("--cpus") { Description = "slurm: CPUs per array task (overrides resources.slurm.cpus)." };
        var gres = new Option<string?>("--gres") { Description = "slurm: generic resources per array task, 'none' for none (overrides resources.slurm.gres; neither set: gpu:1 with --device cuda, none otherwise)." };
        var jobs = new Option<string>("--jobs", "-j") { Description = "Arms run at once in one process (≥ 1, or auto: from libtorch's CPU threads on the CPU, from free device memory ÷ the arm's estimated footprint on CUDA); libtorch's CPU threads are split between them. With --executor slurm: per array task.", DefaultValueFactory = _ => "1" };
        var threadsPerArm = new Option<int?>("--threads-per-arm") { Description = "libtorch CPU threads per arm (≥ 1); default: this process's threads split between the arms running at once. CPU results depend on it, not on --jobs: fix it to compare runs with different --jobs byte for byte." };
        var armsPerTask = new Option<int>("--arms-per-task") { Description = "slurm: arms each array task runs in one process (≥ 1; the array has ⌈pending / K⌉ tasks, each asking for --time × ⌈K / jobs⌉).", DefaultValueFactory = _ => 1 };
        var progressMode = new Option<string>("--progress") { Description = "auto (live display on a terminal, plain lines otherwise), live or plain.", DefaultValueFactory = _ => "auto" };
        var aggregateOnly = new Option<bool>("--aggregate-only") { Description = "Run no arm: only rebuild results.csv, the human band and the report from finished arms." };
        var command = new Command("run", "Run an experiment grid locally or on Slurm: pretrain once per source, fine-tune and evaluate every arm; finished arms are skipped.");
        command.Arguments.Add(spec);
        foreach (Option o in new Option[] { outDir, cacheDir, only, jobs, threadsPerArm, progressMode, device, force, noReport, executor, armsPerTask, wait, partition, time, cpus, gres, aggregateOnly })
        {
            command.Options.Add(o);
        }

        command.SetAction(parse =>
        {
            ExperimentSpec parsed = SpecParser.ParseFile(parse.GetValue(spec)!);
            string runDir = parse.GetValue(outDir) ?? Path.Combine(ArtifactsRoot(), "runs", parsed.Name);
            string mode = parse.GetValue(executor)!;
            string deviceText = parse.GetValue(device)!;
            string jobsText = parse.GetValue(jobs)!;
            bool autoJobs = jobsText == "auto";
            int jobCount = autoJobs ? 1 : int.TryParse(jobsText, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n >= 1 ? n
                : throw new UsageException($"--jobs must be a number ≥ 1 (arms run at once) or auto; got '{jobsText}'.");
            if (parse.GetValue(threadsPerArm) is < 1 and var t)
            {
                throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--threads-per-arm must be at least 1; got {t}."));
            }

            int perTask = parse.GetValue(armsPerTask);
            if (perTask < 1)
            {
                throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--arms-per-task must be at least 1; got {perTask}."));
            }

            if (mode == "slurm" && parse.GetValue(threadsPerArm) is not null)
            {
                throw new UsageException("--threads-per-arm applies to runs in this process (--executor local); Slurm tasks split their CPUs between their arms.");
            }

            if (mode != "slurm" && perTask != 1)
            {
                throw new UsageException("--arms-per-task applies only with --executor slurm.");
            }

            string display = parse.GetValue(progressMode)!;
            if (display is not ("auto" or "live" or "plain"))
            {
                throw new UsageException($"--progress '{display}' is not known; expected auto, live or plain.");
            }

            RunnerOptions options = Options(runDir, parse.GetValue(only), UsageException.Parse("--device", () => Devices.Parse(deviceText)), parse.GetValue(force), !parse.GetValue(noReport), parse.GetValue(cacheDir)) with { Jobs = jobCount, AutoJobs = autoJobs, ThreadsPerArm = parse.GetValue(threadsPerArm) };
            bool slurmFlags = parse.GetValue(wait) || parse.GetValue(partition) is not null || parse.GetValue(time) is not null || parse.GetValue(cpus) is not null || parse.GetValue(gres) is not null;
            if (mode != "slurm" && slurmFlags)
            {
                throw new UsageException("--wait, --partition, --time, --cpus and --gres apply only with --executor slurm.");
            }

            if (mode != "local" && parse.GetValue(aggregateOnly))
            {
                throw new UsageException("--aggregate-only runs in-process; use it with --executor local (the default).");
            }

            switch (mode)
            {
                case "local":
                    return Execute(options with { AggregateOnly = parse.GetValue(aggregateOnly) }, runDir, parsed, UseLiveDisplay(display));
                case "slurm":
                    var resources = UsageException.Parse("--partition/--time/--cpus/--gres", () => SlurmResources.From(parsed.Slurm, parse.GetValue(partition), parse.GetValue(time), parse.GetValue(cpus), parse.GetValue(gres), cuda: options.Device.type == TorchSharp.DeviceType.CUDA));
                    return ExecuteSlurm(parsed, new SlurmSubmitOptions { Runner = options, Resources = resources, Launcher = Launcher(), DeviceArgument = deviceText, Wait = parse.GetValue(wait), ArmsPerTask = perTask, JobsArgument = jobsText, CacheArgument = parse.GetValue(cacheDir) is { } c ? Path.GetFullPath(c) : null });
                case "slurm-task":
                    string armId = parse.GetValue(only) ?? throw new UsageException("--executor slurm-task needs --arm <full arm id>[,<full arm id>…].");
                    return Execute(SlurmTask.Options(parsed, options, armId, SlurmTask.CurrentEnvironment()), runDir, parsed, live: false);
                default:
                    throw new UsageException($"--executor '{mode}' is not known; expected local or slurm.");
            }
        });
        return command;
    }

    /// <summary>Submits <paramref name="spec"/>'s pending arms to Slurm and prints the job ids (and, after a wait, what failed).</summary>
    public static int ExecuteSlurm(ExperimentSpec spec, SlurmSubmitOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        SlurmSubmission result = new SlurmSubmitter(spec, options).Submit(Console.Out);
        string runDir = Path.GetFullPath(options.Runner.RunDirectory);
        if (result.ArrayJobId is not null)
        {
            Console.WriteLine($"array job: {result.ArrayJobId}");
            Console.WriteLine($"aggregation job: {result.AggregateJobId}");
        }

        if (result.Unfinished is { } unfinished)
        {
            foreach (Arm arm in unfinished)
            {
                int task = result.TaskOf(result.Pending.ToList().IndexOf(arm));
                Console.Error.WriteLine($"mlseg: arm {arm.FolderName} did not finish; log: {result.TaskLog(runDir, task)}");
            }

            if (result.AggregateStates.Any(s => s != "COMPLETED"))
            {
                Console.Error.WriteLine($"mlseg: aggregation job {result.AggregateJobId} ended {string.Join(",", result.AggregateStates)}; log: {Path.Combine(SlurmScript.SlurmDirectory(runDir), $"aggregate_{result.AggregateJobId}.out")}");
            }

            Console.WriteLine($"{result.Pending.Count - unfinished.Count} of {result.Pending.Count} submitted arm(s) finished; results: {Path.Combine(runDir, "results.csv")}");
        }

        return result.Succeeded ? CliRunner.Ok : CliRunner.Failure;
    }

    /// <summary>The program (and assembly) that starts this CLI again on a compute node: the apphost, or <c>dotnet MLSeg.Cli.dll</c>.</summary>
    public static IReadOnlyList<string> Launcher()
    {
        string process = Environment.ProcessPath ?? throw new InvalidOperationException("The path of the running mlseg process is unknown.");
        if (Path.GetFileNameWithoutExtension(process) != "dotnet")
        {
            return [process];
        }

        string entry = Assembly.GetEntryAssembly()?.Location is { Length: > 0 } location ? location : typeof(RunCommand).Assembly.Location;
        return [process, entry];
    }

    /// <summary>Runs <paramref name="spec"/> into <paramref name="runDir"/> with line progress on standard output.</summary>
    public static int Execute(ExperimentSpec spec, string runDir, string? only, torch.Device device, bool force, bool report) =>
        Execute(Options(runDir, only, device, force, report), runDir, spec, live: false);

    private static RunnerOptions Options(string runDir, string? only, torch.Device device, bool force, bool report, string? cache = null) => new()
    {
        RunDirectory = runDir,
        CacheDirectory = Path.Combine(Path.GetFullPath(cache ?? Path.Combine(ArtifactsRoot(), "cache")), "pretrained"),
        PreprocessedCacheDirectory = Path.Combine(Path.GetFullPath(cache ?? Path.Combine(ArtifactsRoot(), "cache")), "preprocessed"),
        Loader = MaskFiles.Readers,
        ArmExecutor = new ArmChainExecutor(),
        Device = device,
        Only = only,
        Force = force,
        WriteReport = report,
    };

    /// <summary>Whether <c>--progress <paramref name="mode"/></c> means the live display: auto picks it when standard output is an ANSI terminal.</summary>
    public static bool UseLiveDisplay(string mode) => mode switch
    {
        "live" => true,
        "plain" => false,
        _ => !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Ansi,
    };

    private static int Execute(RunnerOptions options, string runDir, ExperimentSpec spec, bool live)
    {
        var runner = new ExperimentRunner(spec, options);
        var (ran, skipped) = live
            ? LiveRunProgress.Show(AnsiConsole.Console, runner.Run)
            : runner.Run(new LineRunProgress(Console.Out));
        Console.WriteLine($"{ran} arm(s) run, {skipped} already finished; results: {Path.Combine(runDir, "results.csv")}");
        if (runner.ReportPath is { } index)
        {
            Console.WriteLine($"report: {index}");
        }

        return CliRunner.Ok;
    }

    /// <summary>artifacts/ of the repository the CLI was built in (or of the working folder when run elsewhere).</summary>
    public static string ArtifactsRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MLSeg.sln")))
            {
                return Path.Combine(dir.FullName, "artifacts");
            }
        }

        return Path.Combine(Directory.GetCurrentDirectory(), "artifacts");
    }
}
