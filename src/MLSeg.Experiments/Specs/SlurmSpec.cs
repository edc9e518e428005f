using System.Text.Json.Nodes;

namespace MLSeg.Experiments.Specs;

/// <summary>
/// Slurm job resources per arm. An unset partition stays unset (the cluster's default partition is used) and an unset
/// gres is decided by the device at submission: one GPU for <c>--device cuda</c>, none for the CPU
/// (<see cref="Running.SlurmResources.From"/>), so a spec without a <c>resources</c> section runs on CPU-only clusters.
/// </summary>
public sealed record SlurmSpec(string? Partition, string? Time, int? Cpus, string? Gres)
{
    /// <summary>Time and CPUs filled in; partition and gres stay as written (null: decided by the cluster and the device).</summary>
    public SlurmSpec Resolve() => new(Partition, Time ?? SpecDefaults.Time, Cpus ?? SpecDefaults.Cpus, Gres);

    /// <summary>The canonical JSON form.</summary>
    public JsonObject ToJson() => Json.Object(("partition", Partition), ("time", Time), ("cpus", Cpus), ("gres", Gres));
}
