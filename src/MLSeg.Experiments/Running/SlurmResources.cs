using MLSeg.Experiments.Specs;

namespace MLSeg.Experiments.Running;

/// <summary>
/// The resources each array task asks for: the spec's <c>resources.slurm</c> (defaults filled in) with command-line
/// overrides on top. Overrides change only the job script, never the recorded spec, so arm ids and the run folder's
/// resolved spec stay the same whichever cluster runs the grid.
/// </summary>
/// <param name="Partition">Partition (<c>--partition</c>); empty: none is named and the cluster's default partition runs the jobs.</param>
/// <param name="Time">Wall-time limit per arm (<c>--time</c>, Slurm's D-HH:MM:SS forms); a task of several arms asks for a multiple (<see cref="SlurmTime.Scale"/>).</param>
/// <param name="Cpus">CPUs per array task (<c>--cpus-per-task</c>).</param>
/// <param name="Gres">Generic resources (<c>--gres</c>); empty or <c>none</c> asks for none.</param>
public sealed record SlurmResources(string Partition, string Time, int Cpus, string Gres)
{
    /// <summary>
    /// The spec's resources with each non-null override applied. Without a partition anywhere none is named (the
    /// cluster's default); without a gres anywhere, arms on CUDA (<paramref name="cuda"/>) ask for one GPU
    /// (<see cref="SpecDefaults.CudaGres"/>) and CPU arms for none.
    /// </summary>
    public static SlurmResources From(SlurmSpec? spec, string? partition = null, string? time = null, int? cpus = null, string? gres = null, bool cuda = false)
    {
        SlurmSpec s = (spec ?? new SlurmSpec(null, null, null, null)).Resolve();
        var r = new SlurmResources(partition ?? s.Partition ?? string.Empty, time ?? s.Time!, cpus ?? s.Cpus!.Value, gres ?? s.Gres ?? (cuda ? SpecDefaults.CudaGres : string.Empty));
        if (r.Cpus <= 0)
        {
            throw new ArgumentException($"Slurm cpus must be at least 1; got {r.Cpus}.");
        }

        foreach (var (name, value) in new[] { ("partition", r.Partition), ("time", r.Time), ("gres", r.Gres) })
        {
            if (value.Any(c => char.IsWhiteSpace(c) || c is '\'' or '"' or '\\' or '#'))
            {
                throw new ArgumentException($"Slurm {name} '{value}' contains whitespace, a quote, a backslash or '#'; an #SBATCH line cannot carry it.");
            }
        }

        if (r.Time.Length == 0)
        {
            throw new ArgumentException("Slurm time must not be empty.");
        }

        return r;
    }

    /// <summary>True when <see cref="Partition"/> names a partition.</summary>
    public bool HasPartition => Partition.Length > 0;

    /// <summary>True when <see cref="Gres"/> asks for generic resources.</summary>
    public bool HasGres => Gres.Length > 0 && !Gres.Equals("none", StringComparison.OrdinalIgnoreCase);
}
