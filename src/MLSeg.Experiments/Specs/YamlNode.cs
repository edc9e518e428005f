namespace MLSeg.Experiments.Specs;

/// <summary>A node of a parsed YAML document with its 1-based line (the spec parser's view of YAML).</summary>
internal abstract class YamlNode(int line)
{
    public int Line { get; } = line;

    public abstract string Kind { get; }
}
