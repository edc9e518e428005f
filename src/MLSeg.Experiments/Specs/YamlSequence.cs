namespace MLSeg.Experiments.Specs;

/// <summary>A sequence, in document order.</summary>
internal sealed class YamlSequence(int line, IReadOnlyList<YamlNode> items) : YamlNode(line)
{
    public IReadOnlyList<YamlNode> Items { get; } = items;

    public override string Kind => "a list";
}
