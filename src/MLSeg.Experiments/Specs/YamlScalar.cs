namespace MLSeg.Experiments.Specs;

/// <summary>A scalar; <see cref="Quoted"/> tells "5" from 5 and a null written as <c>~</c>/<c>null</c>/empty.</summary>
internal sealed class YamlScalar(int line, string value, bool quoted) : YamlNode(line)
{
    public string Value { get; } = value;

    public bool Quoted { get; } = quoted;

    public bool IsNull => !Quoted && Value is "" or "~" or "null" or "Null" or "NULL";

    public override string Kind => "a scalar";
}
