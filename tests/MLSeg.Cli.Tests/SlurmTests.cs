using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using MLSeg.Experiments.Running;
using MLSeg.Experiments.Specs;
using MLSeg.TestKit;

namespace MLSeg.Cli.Tests;

public class SlurmTests
{
    // The 8-arm grid the local run/resume tests use: the same spec runs unchanged on either executor.
    private const string TinySpec = RunResumeTests.TinySpec;

    public static TheoryData<string?, string?, int?, string?, bool, string, string, int, bool> ResourceCases => new()
    {
        // spec defaults with no override: no partition (the cluster's default), 04:00:00, 4 CPUs, no gres on the CPU
        { null, null, null, null, false, "", "04:00:00", 4, false },
        // … and one GPU when the arms run on CUDA
        { null, null, null, null, true, "", "04:00:00", 4, true },
        { "debug", "00:30:00", 1, "none", true, "debug", "00:30:00", 1, false },
        { null, "1-00:00:00", null, "gpu:a100:2", false, "", "1-00:00:00", 4, true },
    };

    [Theory]
    [MemberData(nameof(ResourceCases))]
    public void ResourcesFrom_Overrides_ReplaceOnlyTheGivenFields(string? partition, string? time, int? cpus, string? gres, bool cuda, string wantPartition, string wantTime, int wantCpus, bool wantGres)
    {
        SlurmResources r = SlurmResources.From(null, partition, time, cpus, gres, cuda);
        Assert.Equal((wantPartition, wantTime, wantCpus, wantGres), (r.Partition, r.Time, r.Cpus, r.HasGres));
        if (cuda && gres is null)
        {
            Assert.Equal("gpu:1", r.Gres);
        }
    }

    [Fact]
    public void Array_SpecWithoutResourcesOnCpu_NamesNoPartitionAndNoGres()
    {
        string script = SlurmScript.Array("mlseg-tiny", 2, SlurmResources.From(null), ["/opt/mlseg"], "/data/spec.yaml", "/runs/tiny", "cpu");

        Assert.DoesNotContain("--partition", script, StringComparison.Ordinal);
        Assert.DoesNotContain("--gres", script, StringComparison.Ordinal);
        Assert.Contains("#SBATCH --time=04:00:00\n", script, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("gpu a100")]
    [InlineData("gpu#1")]
    public void ResourcesFrom_ValueAnSbatchLineCannotCarry_Throws(string partition) =>
        Assert.Throws<ArgumentException>(() => SlurmResources.From(null, partition: partition));

    [Fact]
    public void Array_ThreeArms_WritesDirectivesAndTaskCommand()
    {
        var resources = new SlurmResources("debug", "00:10:00", 2, "gpu:1");
        string script = SlurmScript.Array("mlseg-tiny", 3, resources, ["/usr/bin/dotnet", "/opt/it's/MLSeg.Cli.dll"], "/data/spec.yaml", "/runs/tiny", "cuda");
        string[] lines = script.Split('\n');
        Assert.Equal("#!/bin/bash", lines[0]);
        Assert.Contains("#SBATCH --job-name=mlseg-tiny", lines);
        Assert.Contains("#SBATCH --output=/runs/tiny/slurm/%A_%a.out", lines);
        Assert.Contains("#SBATCH --array=0-2", lines);
        Assert.Contains("#SBATCH --partition=debug", lines);
        Assert.Contains("#SBATCH --time=00:10:00", lines);
        Assert.Contains("#SBATCH --cpus-per-task=2", lines);
        Assert.Contains("#SBATCH --gres=gpu:1", lines);
        Assert.Contains("first=$((SLURM_ARRAY_TASK_ID * 1 + 1))", lines);
        Assert.Contains("arms=$(sed -n \"${first},$((first + 0))p\" '/runs/tiny/slurm/arms.txt' | paste -sd, -)", lines);
        Assert.Contains("exec '/usr/bin/dotnet' '/opt/it'\\''s/MLSeg.Cli.dll' run '/data/spec.yaml' --out '/runs/tiny' --arm \"$arms\" --executor slurm-task --device 'cuda'", lines);
    }

    [Fact]
    public void Array_SevenArmsThreePerTaskTwoJobs_ThreeTasksWithLongerLimit()
    {
        var resources = new SlurmResources("gpu", "00:20:00", 8, "gpu:1");
        string script = SlurmScript.Array("mlseg-l3", 7, resources, ["/opt/mlseg"], "/data/spec.yaml", "/runs/l3", "cuda", armsPerTask: 3, jobs: "2", cacheDirectory: "/shared/cache");
        string[] lines = script.Split('\n');
        Assert.Contains("#SBATCH --array=0-2", lines);          // ⌈7 / 3⌉ tasks
        Assert.Contains("#SBATCH --time=00:40:00", lines);      // 20 min × ⌈3 arms / 2 at once⌉
        Assert.Contains("first=$((SLURM_ARRAY_TASK_ID * 3 + 1))", lines);
        Assert.Contains("arms=$(sed -n \"${first},$((first + 2))p\" '/runs/l3/slurm/arms.txt' | paste -sd, -)", lines);
        Assert.Contains("exec '/opt/mlseg' run '/data/spec.yaml' --out '/runs/l3' --cache '/shared/cache' --arm \"$arms\" --executor slurm-task --device 'cuda' --jobs '2'", lines);
        Assert.Contains("#SBATCH --time=01:00:00", SlurmScript.Array("mlseg-l3", 7, resources, ["/opt/mlseg"], "/data/spec.yaml", "/runs/l3", "cuda", armsPerTask: 3, jobs: "auto").Split('\n'));
        Assert.Throws<ArgumentException>(() => SlurmScript.Array("mlseg-l3", 7, resources, ["/opt/mlseg"], "/data/spec.yaml", "/runs/l3", "cuda", armsPerTask: 3, jobs: "0"));
    }

    [Fact]
    public void Array_ScriptPicksEachTasksLines_AsBashRunsIt()
    {
        // The task's line arithmetic, run by bash on a 7-line arms.txt: task 0 → 1..3, task 2 → 7 only, task 3 → none.
        string dir = RepoPaths.NewTempDir();
        try
        {
            string slurmDir = Path.Combine(dir, "slurm");
            Directory.CreateDirectory(slurmDir);
            File.WriteAllText(Path.Combine(slurmDir, "arms.txt"), string.Concat(Enumerable.Range(1, 7).Select(i => $"arm{i}\n")));
            string script = SlurmScript.Array("mlseg-x", 7, new SlurmResources("", "10", 1, ""), ["/bin/echo"], "/data/spec.yaml", dir, "cpu", armsPerTask: 3);
            string path = Path.Combine(dir, "array.sh");
            File.WriteAllText(path, script);
            string Run(int task)
            {
                var psi = new System.Diagnostics.ProcessStartInfo("bash", [path]) { RedirectStandardOutput = true, RedirectStandardError = true };
                psi.Environment["SLURM_ARRAY_TASK_ID"] = task.ToString(CultureInfo.InvariantCulture);
                psi.Environment["SLURM_ARRAY_JOB_ID"] = "9";
                using var p = System.Diagnostics.Process.Start(psi)!;
                string output = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
                p.WaitForExit();
                return $"{p.ExitCode}:{output.Split('\n').Last(l => l.Length > 0)}";
            }

            Assert.Equal($"0:run /data/spec.yaml --out {dir} --arm arm1,arm2,arm3 --executor slurm-task --device cpu", Run(0));
            Assert.Equal($"0:run /data/spec.yaml --out {dir} --arm arm7 --executor slurm-task --device cpu", Run(2));
            Assert.Equal("2:mlseg: arms.txt has no arm on line 10", Run(3));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Aggregate_NoGresNoReport_RunsAggregateOnlyOnOneCpu()
    {
        string script = SlurmScript.Aggregate("mlseg-tiny", new SlurmResources("debug", "00:10:00", 8, "gpu:1"), ["/opt/mlseg"], "/data/spec.yaml", "/runs/tiny", writeReport: false);
        Assert.Contains("#SBATCH --cpus-per-task=1\n", script, StringComparison.Ordinal);
        Assert.DoesNotContain("--gres", script, StringComparison.Ordinal);
        Assert.EndsWith("exec '/opt/mlseg' run '/data/spec.yaml' --out '/runs/tiny' --aggregate-only --no-report\n", script, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("relative/spec.yaml", "/runs/tiny")]
    [InlineData("/data/spec.yaml", "/runs/with space")]
    public void Array_RelativeSpecOrRunFolderWithSpace_Throws(string spec, string run) =>
        Assert.Throws<ArgumentException>(() => SlurmScript.Array("mlseg-x", 1, new SlurmResources("p", "1:00", 1, "none"), ["/opt/mlseg"], spec, run, "cpu"));

    [Theory]
    [InlineData("l3 muscle/v2", "mlseg-l3-muscle-v2")]
    [InlineData("tiny_1.0", "mlseg-tiny_1.0")]
    public void JobName_SpecName_KeepsOnlySafeCharacters(string name, string expected) => Assert.Equal(expected, SlurmScript.JobName(name));

    [Fact]
    public void RequireOnPath_MissingProgram_NamesIt()
    {
        var ex = Assert.Throws<SlurmException>(() => SlurmClient.RequireOnPath("mlseg-no-such-sbatch"));
        Assert.Contains("'mlseg-no-such-sbatch' was not found on PATH", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TaskOptions_OutsideSlurmOrUnknownArm_Fails()
    {
        string dir = RepoPaths.NewTempDir();
        try
        {
            string path = Path.Combine(dir, "tiny.yaml");
            File.WriteAllText(path, TinySpec);
            ExperimentSpec spec = SpecParser.ParseFile(path);
            string id = MLSeg.Experiments.Planning.ExperimentPlanner.Plan(spec.Resolve())[3].Id;
            var baseOptions = new RunnerOptions { RunDirectory = dir, CacheDirectory = dir, Loader = MLSeg.IO.MaskFiles.Readers };
            var env = new Dictionary<string, string?> { ["SLURM_ARRAY_JOB_ID"] = "41", ["SLURM_ARRAY_TASK_ID"] = "3", ["SLURMD_NODENAME"] = "n1" };

            RunnerOptions task = SlurmTask.Options(spec, baseOptions, id, env);
            Assert.Equal((null, true, "slurm", "41", "3", "n1", "1"), (task.Only, task.SkipAggregate, task.Executor, task.ExecutorDetails["slurmJobId"], task.ExecutorDetails["slurmArrayTaskId"], task.ExecutorDetails["slurmNode"], task.ExecutorDetails["slurmArmsInTask"]));
            Assert.Equal([id], task.ArmIds!);
            Assert.Throws<ArgumentException>(() => SlurmTask.Options(spec, baseOptions, id[..8], env)); // a prefix is not an arm
            string other = MLSeg.Experiments.Planning.ExperimentPlanner.Plan(spec.Resolve())[5].Id;
            RunnerOptions two = SlurmTask.Options(spec, baseOptions, $"{id},{other}", env);
            Assert.Equal(new[] { id, other }.Order(StringComparer.Ordinal), two.ArmIds!.Order(StringComparer.Ordinal));
            Assert.Equal("2", two.ExecutorDetails["slurmArmsInTask"]);
            var wrong = Assert.Throws<ArgumentException>(() => SlurmTask.Options(spec, baseOptions, $"{id},{other[..8]}", env));
            Assert.Contains($"'{other[..8]}' is not the full id", wrong.Message, StringComparison.Ordinal);
            var ex = Assert.Throws<SlurmException>(() => SlurmTask.Options(spec, baseOptions, id, new Dictionary<string, string?>()));
            Assert.Contains("SLURM_ARRAY_JOB_ID is not set", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [SlurmClusterFact]
    public void RunSlurmWait_OnOneNodeCluster_RunsEveryArmAsArrayTaskAndAggregates()
    {
        string dir = RepoPaths.NewTempDir("mlseg-slurm");
        try
        {
            using var cluster = LocalSlurmCluster.Start(Path.Combine(dir, "cluster"));
            string spec = Path.Combine(dir, "tiny.yaml");
            File.WriteAllText(spec, TinySpec);
            string run = Path.Combine(dir, "run");
            var clock = Stopwatch.StartNew();
            var (code, stdout, stderr) = cluster.Mlseg("run", spec, "--out", run, "--executor", "slurm", "--wait",
                "--partition", "debug", "--time", "00:20:00", "--cpus", "1", "--gres", "none");
            Assert.True(code == 0, $"exit {code}\n{stdout}\n{stderr}\n{cluster.Logs()}");
            string arrayJob = stdout.Split('\n').Single(l => l.StartsWith("array job: ", StringComparison.Ordinal))["array job: ".Length..].Trim();
            Assert.Contains("8 of 8 submitted arm(s) finished", stdout, StringComparison.Ordinal);

            string slurmDir = Path.Combine(run, "slurm");
            Assert.Equal(8, File.ReadAllLines(Path.Combine(slurmDir, "arms.txt")).Length);
            Assert.Contains("#SBATCH --array=0-7\n", File.ReadAllText(Path.Combine(slurmDir, "array.sbatch")), StringComparison.Ordinal);
            var taskIds = new List<int>();
            foreach (string manifest in Directory.EnumerateFiles(Path.Combine(run, "arms"), "manifest.json", SearchOption.AllDirectories))
            {
                using var doc = JsonDocument.Parse(File.ReadAllText(manifest));
                JsonElement m = doc.RootElement;
                Assert.Equal(("done", "slurm", arrayJob), (m.GetProperty("status").GetString(), m.GetProperty("executor").GetString(), m.GetProperty("slurmJobId").GetString()));
                taskIds.Add(int.Parse(m.GetProperty("slurmArrayTaskId").GetString()!, CultureInfo.InvariantCulture));
            }

            Assert.Equal(Enumerable.Range(0, 8), taskIds.Order());
            Assert.All(Enumerable.Range(0, 8), i => Assert.Contains("runs arm", File.ReadAllText(Path.Combine(slurmDir, $"{arrayJob}_{i}.out")), StringComparison.Ordinal));
            Assert.Single(Directory.GetFiles(slurmDir, "aggregate_*.out"));
            // 8 arms × 3 held-out patients per fold × 1 label, written by the aggregation job
            Assert.Equal(8 * 3, File.ReadLines(Path.Combine(run, "results.csv")).Count() - 1);
            Assert.True(File.Exists(Path.Combine(run, "report", "index.html")));
            Assert.True(File.Exists(Path.Combine(run, "human_band.json")));
            Console.WriteLine($"slurm grid of 8 arms: {clock.Elapsed.TotalSeconds:F1} s");

            // Resume: nothing is pending, so nothing is submitted and the results are rebuilt in-process.
            var (code2, stdout2, stderr2) = cluster.Mlseg("run", spec, "--out", run, "--executor", "slurm", "--partition", "debug", "--gres", "none");
            Assert.True(code2 == 0, stderr2 + stdout2);
            Assert.Contains("nothing pending: all 8 selected arm(s) are finished", stdout2, StringComparison.Ordinal);
            Assert.DoesNotContain("array job", stdout2, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [SlurmClusterFact]
    public void RunSlurmWait_ThreeArmsPerTask_EightArmsInThreeTasks()
    {
        string dir = RepoPaths.NewTempDir("mlseg-slurm");
        try
        {
            using var cluster = LocalSlurmCluster.Start(Path.Combine(dir, "cluster"));
            string spec = Path.Combine(dir, "tiny.yaml");
            File.WriteAllText(spec, TinySpec);
            string run = Path.Combine(dir, "run");
            var (code, stdout, stderr) = cluster.Mlseg("run", spec, "--out", run, "--executor", "slurm", "--wait", "--arms-per-task", "3", "--jobs", "2",
                "--partition", "debug", "--time", "00:10:00", "--cpus", "2", "--gres", "none", "--no-report");
            Assert.True(code == 0, $"exit {code}\n{stdout}\n{stderr}\n{cluster.Logs()}");
            Assert.Contains("(8 arm(s) in 3 task(s), 0 already finished)", stdout, StringComparison.Ordinal);
            Assert.Contains("8 of 8 submitted arm(s) finished", stdout, StringComparison.Ordinal);
            string script = File.ReadAllText(Path.Combine(run, "slurm", "array.sbatch"));
            Assert.Contains("#SBATCH --array=0-2\n", script, StringComparison.Ordinal);
            Assert.Contains("#SBATCH --time=00:20:00\n", script, StringComparison.Ordinal); // 10 min × ⌈3 / 2⌉

            var perTask = new Dictionary<string, int>();
            foreach (string manifest in Directory.EnumerateFiles(Path.Combine(run, "arms"), "manifest.json", SearchOption.AllDirectories))
            {
                using var doc = JsonDocument.Parse(File.ReadAllText(manifest));
                JsonElement m = doc.RootElement;
                string task = m.GetProperty("slurmArrayTaskId").GetString()!;
                perTask[task] = perTask.GetValueOrDefault(task) + 1;
                Assert.Equal(2, m.GetProperty("jobs").GetInt32());
                Assert.Equal(task == "2" ? "2" : "3", m.GetProperty("slurmArmsInTask").GetString());
            }

            Assert.Equal(new Dictionary<string, int> { ["0"] = 3, ["1"] = 3, ["2"] = 2 }, perTask.OrderBy(p => p.Key).ToDictionary());
            Assert.Equal(8 * 3, File.ReadLines(Path.Combine(run, "results.csv")).Count() - 1);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [SlurmClusterFact]
    public void RunSlurmWait_CpuOnlyClusterSpecWithoutResources_DefaultsAreAccepted()
    {
        // The test cluster's one node has no GPU (no Gres) and its only partition is 'debug': before issue 18 the
        // defaults asked for --partition=gpu --gres=gpu:1 and sbatch refused the job.
        string dir = RepoPaths.NewTempDir("mlseg-slurm-cpu");
        try
        {
            using var cluster = LocalSlurmCluster.Start(Path.Combine(dir, "cluster"));
            string spec = Path.Combine(dir, "tiny.yaml");
            File.WriteAllText(spec, TinySpec);
            Assert.DoesNotContain("resources", TinySpec, StringComparison.Ordinal);
            string run = Path.Combine(dir, "run");
            var (code, stdout, stderr) = cluster.Mlseg("run", spec, "--out", run, "--executor", "slurm", "--wait", "--device", "cpu", "--cpus", "1", "--only", "none__n2__fold0");
            Assert.True(code == 0, $"exit {code}\n{stdout}\n{stderr}\n{cluster.Logs()}");
            Assert.Contains("1 of 1 submitted arm(s) finished", stdout, StringComparison.Ordinal);
            string array = File.ReadAllText(Path.Combine(run, "slurm", "array.sbatch"));
            Assert.DoesNotContain("--partition", array, StringComparison.Ordinal);
            Assert.DoesNotContain("--gres", array, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [SlurmClusterFact]
    public void RunSlurmWait_SomeTasksFail_ExitsNonZeroNamingUnfinishedArms()
    {
        string dir = RepoPaths.NewTempDir("mlseg-slurm");
        try
        {
            using var cluster = LocalSlurmCluster.Start(Path.Combine(dir, "cluster"));
            string spec = Path.Combine(dir, "broken.yaml");
            // The import arms fail inside their array tasks (the weights file does not exist); the none arms succeed.
            File.WriteAllText(spec, TinySpec.Replace("name: tiny", "name: broken", StringComparison.Ordinal).Replace(
                "  - name: autoencoder\n    epochs: 2\n    batch: 4\n", $"  - name: import\n    file: {Path.Combine(dir, "missing.safetensors")}\n", StringComparison.Ordinal));
            string run = Path.Combine(dir, "run");
            var (code, stdout, stderr) = cluster.Mlseg("run", spec, "--out", run, "--executor", "slurm", "--wait", "--partition", "debug", "--cpus", "1", "--gres", "none");

            Assert.True(code == 1, $"exit {code}\n{stdout}\n{stderr}");
            Assert.Contains("4 of 8 submitted arm(s) finished", stdout, StringComparison.Ordinal);
            string[] unfinished = stderr.Split('\n').Where(l => l.Contains("did not finish", StringComparison.Ordinal)).ToArray();
            Assert.Equal(4, unfinished.Length);
            Assert.All(unfinished, l => Assert.Contains("mlseg: arm import__", l, StringComparison.Ordinal));
            Assert.All(unfinished, l => Assert.Contains("missing.safetensors", File.ReadAllText(l[(l.IndexOf("log: ", StringComparison.Ordinal) + 5)..].Trim()), StringComparison.Ordinal));
            // afterany: the aggregation job still collected the four finished arms
            Assert.Equal(4 * 3, File.ReadLines(Path.Combine(run, "results.csv")).Count() - 1);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    /// <summary>Needs Slurm's and munge's daemons and clients, root (slurmd runs jobs as their user), and the libtorch shim.</summary>
    [AttributeUsage(AttributeTargets.Method)]
    public sealed class SlurmClusterFactAttribute : FactAttribute
    {
        /// <summary>Sets <see cref="FactAttribute.Skip"/> naming what is missing.</summary>
        public SlurmClusterFactAttribute()
        {
            if (ExternalTools.SkipReason("slurmctld", "slurmd", "munged", "mungekey", "sbatch", "squeue", "sinfo", "scontrol", "scancel") is { } tools)
            {
                Skip = tools;
            }
            else if (Environment.UserName != "root")
            {
                Skip = $"starting a one-node Slurm cluster needs root (slurmd with SlurmUser=root); running as '{Environment.UserName}'";
            }
            else if (MLSeg.Models.Engine.TorchRuntime.LoadError is { } native)
            {
                Skip = native;
            }
        }
    }

    /// <summary>munged on a private socket, slurmctld and slurmd in the foreground, all under one temp folder; Dispose stops them.</summary>
    private sealed class LocalSlurmCluster : IDisposable
    {
        private readonly string root;
        private readonly List<Process> daemons = [];
        private int mungePid;

        private LocalSlurmCluster(string root) => this.root = root;

        private string Conf => Path.Combine(root, "slurm.conf");

        public static LocalSlurmCluster Start(string root)
        {
            var cluster = new LocalSlurmCluster(root);
            try
            {
                cluster.StartDaemons();
                return cluster;
            }
            catch
            {
                cluster.Dispose();
                throw;
            }
        }

        public (int Code, string Stdout, string Stderr) Mlseg(params string[] args)
        {
            var psi = Psi("dotnet", [Path.Combine(AppContext.BaseDirectory, "MLSeg.Cli.dll"), .. args]);
            psi.WorkingDirectory = RepoPaths.Root;
            using var p = Process.Start(psi)!;
            var err = p.StandardError.ReadToEndAsync();
            string stdout = p.StandardOutput.ReadToEnd();
            if (!p.WaitForExit(300_000))
            {
                p.Kill(true);
                throw new TimeoutException($"mlseg {string.Join(' ', args)} did not finish in 5 minutes.\n{Logs()}");
            }

            return (p.ExitCode, stdout, err.GetAwaiter().GetResult());
        }

        public string Logs() => string.Join("\n", new[] { "slurmctld.log", "slurmd.log" }
            .Select(f => Path.Combine(root, f)).Where(File.Exists).Select(f => $"--- {f}\n{string.Join('\n', File.ReadLines(f).TakeLast(15))}"));

        public void Dispose()
        {
            if (daemons.Count > 0)
            {
                // Cancel leftover jobs first: their slurmstepd processes outlive a killed slurmd.
                Call("scancel", ["--full", "--user=root"], throwOnError: false);
                var deadline = DateTime.UtcNow.AddSeconds(20);
                while (DateTime.UtcNow < deadline && Call("squeue", ["-h", "-o", "%i"], throwOnError: false).Trim().Length > 0)
                {
                    Thread.Sleep(500);
                }
            }

            foreach (Process p in Enumerable.Reverse(daemons))
            {
                if (!p.HasExited)
                {
                    p.Kill();
                    p.WaitForExit(10_000);
                }

                p.Dispose();
            }

            if (mungePid > 0)
            {
                try
                {
                    using var munged = Process.GetProcessById(mungePid);
                    munged.Kill();
                    munged.WaitForExit(10_000);
                }
                catch (ArgumentException)
                {
                    // already gone
                }
            }
        }

        private void StartDaemons()
        {
            string munge = Path.Combine(root, "munge");
            foreach (string d in new[] { munge, Path.Combine(root, "state"), Path.Combine(root, "spool") })
            {
                Directory.CreateDirectory(d);
            }

            string key = Path.Combine(munge, "munge.key");
            Call("mungekey", ["--create", $"--keyfile={key}"]);
            string socket = Path.Combine(munge, "munge.sock");
            Call("munged", ["--force", $"--key-file={key}", $"--socket={socket}", $"--pid-file={Path.Combine(munge, "munged.pid")}",
                $"--log-file={Path.Combine(munge, "munged.log")}", $"--seed-file={Path.Combine(munge, "munged.seed")}"]);
            mungePid = int.Parse(File.ReadAllText(Path.Combine(munge, "munged.pid")).Trim(), CultureInfo.InvariantCulture);

            string host = Environment.MachineName.Split('.')[0];
            long memMb = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal))
                .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1] is { } kb ? long.Parse(kb, CultureInfo.InvariantCulture) / 1024 * 8 / 10 : 0;
            File.WriteAllText(Conf, string.Join('\n',
                "ClusterName=mlsegtest", $"SlurmctldHost={host}", $"SlurmctldPort={FreePort()}", $"SlurmdPort={FreePort()}",
                "SlurmUser=root", "SlurmdUser=root", "AuthType=auth/munge", $"AuthInfo=socket={socket}", "CredType=cred/munge",
                $"StateSaveLocation={root}/state", $"SlurmdSpoolDir={root}/spool", $"SlurmctldPidFile={root}/slurmctld.pid", $"SlurmdPidFile={root}/slurmd.pid",
                $"SlurmctldLogFile={root}/slurmctld.log", $"SlurmdLogFile={root}/slurmd.log",
                "SelectType=select/cons_tres", "SelectTypeParameters=CR_Core", "ProctrackType=proctrack/linuxproc", "TaskPlugin=task/none",
                "JobAcctGatherType=jobacct_gather/none", "AccountingStorageType=accounting_storage/none", "ReturnToService=2", "MpiDefault=none",
                $"NodeName={host} CPUs={Environment.ProcessorCount} RealMemory={memMb} State=UNKNOWN",
                "PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP", ""));

            foreach (string daemon in new[] { "slurmctld", "slurmd" })
            {
                // exec keeps the pid; the foreground daemon's console echo goes to a file, not into the test output.
                daemons.Add(Process.Start(Psi("/bin/sh", ["-c", "exec \"$0\" -D -f \"$1\" >\"$2\" 2>&1", daemon, Conf, Path.Combine(root, daemon + ".console")]))!);
            }

            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (Call("sinfo", ["-h", "-o", "%T"], throwOnError: false).Trim() != "idle")
            {
                if (DateTime.UtcNow > deadline || daemons.Any(d => d.HasExited))
                {
                    throw new InvalidOperationException($"the one-node Slurm cluster did not become idle within 60 s.\n{Logs()}");
                }

                Thread.Sleep(500);
            }
        }

        private string Call(string program, string[] args, bool throwOnError = true)
        {
            using var p = Process.Start(Psi(program, args))!;
            var err = p.StandardError.ReadToEndAsync();
            string stdout = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            if (throwOnError && p.ExitCode != 0)
            {
                throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed (exit {p.ExitCode}): {err.GetAwaiter().GetResult()}");
            }

            return stdout;
        }

        private ProcessStartInfo Psi(string program, IEnumerable<string> args)
        {
            var psi = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (string a in args)
            {
                psi.ArgumentList.Add(a);
            }

            psi.Environment["SLURM_CONF"] = Conf;
            return psi;
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }
}
