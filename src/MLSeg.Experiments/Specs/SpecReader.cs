using System.Globalization;

namespace MLSeg.Experiments.Specs;

/// <summary>Typed reads of YAML nodes with errors that name file, line and key.</summary>
internal sealed class SpecReader(string file)
{
    public string File { get; } = file;

    public ExperimentSpecException Error(YamlNode node, string key, string problem) => new(File, node.Line, key, problem);

    /// <summary>The mapping's entries by key; an unknown key fails with a "did you mean" suggestion.</summary>
    public Dictionary<string, YamlNode> Mapping(YamlNode node, string path, params string[] allowed)
    {
        if (node is not YamlMapping map)
        {
            throw Error(node, path, $"'{path}' must be a mapping of {string.Join(", ", allowed)}; found {node.Kind}.");
        }

        var result = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (key, value) in map.Entries)
        {
            if (!allowed.Contains(key.Value, StringComparer.Ordinal))
            {
                string? guess = Levenshtein.Suggest(key.Value, allowed);
                string where = path.Length == 0 ? "" : $" in '{path}'";
                throw Error(key, Join(path, key.Value), $"unknown key '{key.Value}'{where}; " +
                    (guess is null ? $"valid keys: {string.Join(", ", allowed)}." : $"did you mean '{guess}'?"));
            }

            result[key.Value] = value;
        }

        return result;
    }

    public YamlNode Required(Dictionary<string, YamlNode> map, YamlNode owner, string path, string key) =>
        map.TryGetValue(key, out YamlNode? v) && !(v is YamlScalar s && s.IsNull)
            ? v
            : throw Error(owner, Join(path, key), $"missing required key '{key}'" + (path.Length == 0 ? "." : $" in '{path}'."));

    public static YamlNode? Optional(Dictionary<string, YamlNode> map, string key) =>
        map.TryGetValue(key, out YamlNode? v) && !(v is YamlScalar s && s.IsNull) ? v : null;

    public string String(YamlNode node, string path) =>
        node is YamlScalar s && !s.IsNull ? s.Value : throw Error(node, path, $"'{path}' must be a string; found {node.Kind}.");

    public int Int(YamlNode node, string path, int min)
    {
        if (node is not YamlScalar s || !int.TryParse(s.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int v))
        {
            throw Error(node, path, $"'{path}' must be an integer; found {Describe(node)}.");
        }

        return v >= min ? v : throw Error(node, path, $"'{path}' must be ≥ {min}; found {v}.");
    }

    public double Double(YamlNode node, string path, double minExclusive)
    {
        if (node is not YamlScalar s || !double.TryParse(s.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
        {
            throw Error(node, path, $"'{path}' must be a number; found {Describe(node)}.");
        }

        return v > minExclusive ? v : throw Error(node, path, $"'{path}' must be > {minExclusive.ToString(CultureInfo.InvariantCulture)}; found {s.Value}.");
    }

    public double NonNegative(YamlNode node, string path)
    {
        double v = Double(node, path, double.NegativeInfinity);
        return v >= 0 ? v : throw Error(node, path, $"'{path}' must be ≥ 0; found {((YamlScalar)node).Value}.");
    }

    public bool Bool(YamlNode node, string path) => node is YamlScalar { Value: "true" or "True" or "false" or "False" } s
        ? s.Value is "true" or "True"
        : throw Error(node, path, $"'{path}' must be true or false; found {Describe(node)}.");

    public string Choice(YamlNode node, string path, IReadOnlyList<string> valid)
    {
        string v = String(node, path);
        if (valid.Contains(v, StringComparer.Ordinal))
        {
            return v;
        }

        string? guess = Levenshtein.Suggest(v, valid);
        throw Error(node, path, $"unknown value '{v}' for '{path}'; valid: {string.Join(", ", valid)}." + (guess is null ? "" : $" Did you mean '{guess}'?"));
    }

    public IReadOnlyList<YamlNode> List(YamlNode node, string path, bool allowEmpty = false)
    {
        if (node is not YamlSequence seq)
        {
            throw Error(node, path, $"'{path}' must be a list; found {Describe(node)}.");
        }

        return seq.Items.Count > 0 || allowEmpty ? seq.Items : throw Error(node, path, $"'{path}' must not be empty.");
    }

    public static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    private static string Describe(YamlNode node) => node is YamlScalar s ? $"'{s.Value}'" : node.Kind;
}
