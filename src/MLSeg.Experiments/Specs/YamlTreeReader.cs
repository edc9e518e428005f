using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace MLSeg.Experiments.Specs;

/// <summary>
/// Reads one YAML document into <see cref="YamlNode"/>s from YamlDotNet's parser events, keeping line numbers and
/// rejecting what a spec must not hold: duplicate keys, non-scalar keys, anchors/aliases, several documents.
/// </summary>
internal static class YamlTreeReader
{
    /// <summary>
    /// The deepest nesting a spec may have. Real specs nest four or five levels; the limit keeps a hostile or broken
    /// file (thousands of '[') from exhausting the stack, which would kill the process instead of failing cleanly.
    /// </summary>
    public const int MaxDepth = 64;

    public static YamlNode? Read(string text, string file)
    {
        var parser = new Parser(new StringReader(text));
        try
        {
            parser.Consume<StreamStart>();
            if (parser.TryConsume<StreamEnd>(out _))
            {
                return null;
            }

            parser.Consume<DocumentStart>();
            YamlNode root = ReadNode(parser, file, "", 0);
            parser.Consume<DocumentEnd>();
            if (!parser.Accept<StreamEnd>(out _))
            {
                throw new ExperimentSpecException(file, parser.Current?.Start.Line is long l ? (int)l : 0, "", "a spec holds one YAML document; found another ('---').");
            }

            return root;
        }
        catch (YamlException ex)
        {
            throw new ExperimentSpecException(file, (int)ex.Start.Line, "", $"not valid YAML: {ex.Message}");
        }
    }

    private static YamlNode ReadNode(Parser parser, string file, string path, int depth)
    {
        ParsingEvent current = parser.Current ?? throw new ExperimentSpecException(file, 0, path, "unexpected end of YAML.");
        int line = (int)current.Start.Line;
        if (depth > MaxDepth)
        {
            throw new ExperimentSpecException(file, line, path, $"the YAML nests deeper than {MaxDepth} levels; a spec needs only a few (see pipelines/README.md).");
        }

        switch (current)
        {
            case AnchorAlias:
                throw new ExperimentSpecException(file, line, path, "YAML aliases (*name) are not allowed in specs; write the value out.");
            case NodeEvent { Anchor.IsEmpty: false }:
                throw new ExperimentSpecException(file, line, path, "YAML anchors (&name) are not allowed in specs; write the value out.");
            case Scalar scalar:
                parser.MoveNext();
                return new YamlScalar(line, scalar.Value, scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted);
            case SequenceStart:
                {
                    parser.MoveNext();
                    var items = new List<YamlNode>();
                    while (!parser.TryConsume<SequenceEnd>(out _))
                    {
                        items.Add(ReadNode(parser, file, $"{path}[{items.Count}]", depth + 1));
                    }

                    return new YamlSequence(line, items);
                }

            case MappingStart:
                {
                    parser.MoveNext();
                    var entries = new List<KeyValuePair<YamlScalar, YamlNode>>();
                    var seen = new Dictionary<string, int>(StringComparer.Ordinal);
                    while (!parser.TryConsume<MappingEnd>(out _))
                    {
                        YamlNode keyNode = ReadNode(parser, file, path, depth + 1);
                        if (keyNode is not YamlScalar key)
                        {
                            throw new ExperimentSpecException(file, keyNode.Line, path, $"mapping keys must be plain names; found {keyNode.Kind}.");
                        }

                        string keyPath = path.Length == 0 ? key.Value : $"{path}.{key.Value}";
                        if (!seen.TryAdd(key.Value, key.Line))
                        {
                            throw new ExperimentSpecException(file, key.Line, keyPath, $"duplicate key '{key.Value}' (first at line {seen[key.Value]}).");
                        }

                        entries.Add(new(key, ReadNode(parser, file, keyPath, depth + 1)));
                    }

                    return new YamlMapping(line, entries);
                }

            default:
                throw new ExperimentSpecException(file, line, path, $"unexpected YAML element {current.GetType().Name}.");
        }
    }
}
