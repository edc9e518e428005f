using System.Text.Json.Nodes;

namespace MLSeg.Experiments.Specs;

/// <summary>Slurm job resources per arm.</summary>
public sealed record SlurmSpec(string? Partition, string? Time, int? Cpus, string? Gres)
{
    /// <summary>Every default filled in.</summary>
    public SlurmSpec Resolve() => new(Partition ?? SpecDefaults.Partition, Time ?? SpecDefaults.Time, Cpus ?? SpecDefaults.Cpus, Gres ?? SpecDefaults.Gres);

    /// <summary>The canonical JSON form.</summary>
    public JsonObject ToJson() => Json.Object(("partition", Partition), ("time", Time), ("cpus", Cpus), ("gres", Gres));
}
