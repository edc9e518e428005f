namespace MLSeg.Models;

/// <summary>
/// Supplies user-defined encoders to processes that load its assembly by path — the <c>mlseg</c> CLI and its Slurm
/// tasks, through <c>MLSEG_ENCODERS</c> (<see cref="EncoderRegistry.LoadFromEnvironment"/>) — so that a spec's
/// <c>model.encoder</c> can name them outside the process that defined them. A public, non-abstract type with a public
/// parameterless constructor; each of its encoders is registered as with <see cref="EncoderRegistry.Register"/>.
/// </summary>
public interface IEncoderProvider
{
    /// <summary>The encoders, by the names specs use.</summary>
    IReadOnlyDictionary<string, EncoderBuilder> Encoders { get; }
}
