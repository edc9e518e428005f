using MLSeg.ImageIO;
using TorchSharp;
using static TorchSharp.torch;

namespace MLSeg.Experiments.Running;

/// <summary>How <see cref="ExperimentRunner"/> runs a spec.</summary>
public sealed record RunnerOptions
{
    /// <summary>The run folder (default artifacts/runs/&lt;spec name&gt; under the repository or working folder).</summary>
    public required string RunDirectory { get; init; }

    /// <summary>Pretrained-encoder cache shared across runs.</summary>
    public required string CacheDirectory { get; init; }

    /// <summary>
    /// Where decoded, windowed and resized cohort images are cached by content hash across runs (memory-bounded by
    /// <c>MLSEG_CACHE_MB</c>, spilled here), or null for no cache.
    /// </summary>
    public string? PreprocessedCacheDirectory { get; init; }

    /// <summary>Reader for cohort images and masks (the facade's loader knows DICOM as well as PNG/NIfTI/NPY).</summary>
    public required ImageLoader Loader { get; init; }

    /// <summary>
    /// Arms run at once in this process (default 1). libtorch's CPU threads are split evenly between them. Must be ≥ 1;
    /// more than there are pending arms is fine.
    /// </summary>
    public int Jobs
    {
        get => field;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value, nameof(Jobs));
            field = value;
        }
    } = 1;

    /// <summary>
    /// Runs each pending arm (the facade's <c>ArmChainExecutor</c>: the arm as an ML.NET estimator chain). Needed
    /// whenever an arm is to run; an aggregate-only run does without.
    /// </summary>
    public IArmExecutor? ArmExecutor { get; init; }

    /// <summary>
    /// Choose the number of arms at once from the machine (<c>--jobs auto</c>, <see cref="ArmConcurrency"/>) instead of
    /// <see cref="Jobs"/>: CPU threads on the CPU, free device memory ÷ the arm's footprint on CUDA.
    /// </summary>
    public bool AutoJobs { get; init; }

    /// <summary>
    /// libtorch intra-op threads per arm, or null to split this process's threads evenly between the arms running at
    /// once (at least one each). On the CPU an arm's floating-point results depend on this number (libtorch/oneDNN split
    /// reductions by thread), not on how many arms run beside it: fix it to get byte-identical results across
    /// <see cref="Jobs"/> values.
    /// </summary>
    public int? ThreadsPerArm
    {
        get => field;
        init
        {
            if (value is { } v)
            {
                ArgumentOutOfRangeException.ThrowIfNegativeOrZero(v, nameof(ThreadsPerArm));
            }

            field = value;
        }
    }

    /// <summary>Compute device.</summary>
    public Device Device { get; init; } = torch.CPU;

    /// <summary>Run only arms whose id starts with, or whose folder name contains, this text; null = all.</summary>
    public string? Only { get; init; }

    /// <summary>Run exactly these arm ids (full ids; a Slurm array task's share of the grid); null = all. Combines with <see cref="Only"/>.</summary>
    public IReadOnlySet<string>? ArmIds { get; init; }

    /// <summary>Accept a run folder whose resolved spec differs (a changed spec pointing at an old run).</summary>
    public bool Force { get; init; }

    /// <summary>Write the HTML report at the end.</summary>
    public bool WriteReport { get; init; } = true;

    /// <summary>Run no arm; only aggregate the finished arms into results.csv, the human band and the report (Slurm's final job).</summary>
    public bool AggregateOnly { get; init; }

    /// <summary>Run the selected arms but leave aggregation to a later aggregate-only run (Slurm array tasks).</summary>
    public bool SkipAggregate { get; init; }

    /// <summary>Text for the executor field of each arm's manifest.json (local, slurm).</summary>
    public string Executor { get; init; } = "local";

    /// <summary>Extra fields for each arm's manifest.json (e.g. Slurm job and array index).</summary>
    public IReadOnlyDictionary<string, string> ExecutorDetails { get; init; } = new Dictionary<string, string>();
}
