namespace MLSeg.Core.Pipeline;

/// <summary>
/// A transformer that can be written to a folder and loaded back with <see cref="TransformerLoader.Load"/>.
/// The folder holds <c>transformer.json</c> (type name, version, parameters — see <see cref="TransformerManifest"/>)
/// and whatever else the transformer needs (e.g. <c>weights.safetensors</c>).
/// </summary>
public interface ISavableTransformer : ITransformer
{
    /// <summary>Writes the transformer into <paramref name="directory"/> (created when absent).</summary>
    void Save(string directory);
}
