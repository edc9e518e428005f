namespace MLSeg.Training.Pretraining;

/// <summary>The <c>manifest.json</c> of a cached pretraining result.</summary>
/// <param name="Key">The caller's content hash.</param>
/// <param name="Strategy">Strategy name (see <see cref="PretrainingStrategies"/>).</param>
/// <param name="Scope">"encoder" (weights hold the encoder's own names) or "network" (encoder.*, decoder.*, head.*).</param>
/// <param name="WeightsFile">File name of the weights inside the cache folder.</param>
/// <param name="CreatedUtc">When the entry was completed (ISO 8601, UTC).</param>
/// <param name="Info">Free-form facts from the trainer (final loss, epochs, seed, import report…).</param>
public sealed record PretrainingManifest(string Key, string Strategy, string Scope, string WeightsFile, string CreatedUtc, IReadOnlyDictionary<string, string> Info);
