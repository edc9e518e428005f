namespace MLSeg.Experiments.Specs;

/// <summary>A mapping whose keys are scalars, in document order (duplicates rejected when read).</summary>
internal sealed class YamlMapping(int line, IReadOnlyList<KeyValuePair<YamlScalar, YamlNode>> entries) : YamlNode(line)
{
    public IReadOnlyList<KeyValuePair<YamlScalar, YamlNode>> Entries { get; } = entries;

    public override string Kind => "a mapping";
}
