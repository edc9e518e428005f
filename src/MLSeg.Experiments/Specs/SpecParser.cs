using System.Globalization;
using MLSeg.Models;

namespace MLSeg.Experiments.Specs;

/// <summary>
/// Reads and validates an experiment spec. Every error names file, line and key, e.g.
/// <c>pipelines/x.yaml:12: unknown key 'fodls'; did you mean 'folds'?</c>.
/// </summary>
public static partial class SpecParser
{
    private static readonly string[] TopKeys =
        ["name", "cohort", "preprocessing", "model", "sources", "sizes", "subsets", "folds", "seeds", "finetune", "metrics", "resources"];

    /// <summary>Reads the spec file at <paramref name="path"/> (not yet resolved).</summary>
    public static ExperimentSpec ParseFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new ExperimentSpecException(path, 0, "", "spec file not found.");
        }

        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Reads spec text; <paramref name="file"/> names it in messages.</summary>
    public static ExperimentSpec Parse(string yaml, string file)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var r = new SpecReader(file);
        YamlNode root = YamlTreeReader.Read(yaml, file) ?? throw new ExperimentSpecException(file, 0, "", "the spec is empty.");
        Dictionary<string, YamlNode> top = r.Mapping(root, "", TopKeys);

        YamlNode nameNode = r.Required(top, root, "", "name");
        string name = r.String(nameNode, "name");
        if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            throw r.Error(nameNode, "name", $"'name' must use only letters, digits, '-', '_' and '.' (it names the run folder); found '{name}'.");
        }

        CohortSpec cohort = ParseCohort(r, r.Required(top, root, "", "cohort"), "cohort", allowTarget: false);
        var sourcesNode = r.Required(top, root, "", "sources");
        List<SourceSpec> sources = ParseSources(r, sourcesNode);

        IReadOnlyList<string>? subsets = Opt(top, "subsets", n => Distinct(r, n, "subsets", i => r.Choice(i, "subsets", SpecDefaults.SubsetStrategies)));
        if (subsets is not null && subsets.Contains("matched") && !subsets.Contains("esed") && !subsets.Contains("volunteers"))
        {
            throw r.Error(top["subsets"], "subsets", "'matched' draws random images matched in count to a structured subset; add 'esed' or 'volunteers'.");
        }

        if (subsets is not null && subsets.Contains("esed") && cohort.Synth?.Kind is "l3-ct" or "natural")
        {
            throw r.Error(top["subsets"], "subsets", $"'esed' needs cardiac phases; the cohort is synthetic '{cohort.Synth!.Kind}'.");
        }

        FoldsSpec? folds = Opt(top, "folds", n => ParseFolds(r, n));
        if (folds?.K is int k && cohort.Synth?.Patients is int patients && k > patients)
        {
            throw r.Error(top["folds"], "folds.k", $"k = {k} folds need at least {k} patients; the synthetic cohort has {patients}.");
        }

        return new ExperimentSpec(
            name,
            cohort,
            Opt(top, "preprocessing", n => ParsePreprocessing(r, n)),
            Opt(top, "model", n => ParseModel(r, n)),
            sources,
            Opt(top, "sizes", n => Distinct(r, n, "sizes", i => ParseSize(r, i))),
            subsets,
            folds,
            Opt(top, "seeds", n => Distinct(r, n, "seeds", i => r.Int(i, "seeds", 0))),
            Opt(top, "finetune", n => ParseFinetune(r, n)),
            Opt(top, "metrics", n => Distinct(r, n, "metrics", i => r.Choice(i, "metrics", SpecDefaults.Metrics))),
            Opt(top, "resources", n => ParseResources(r, n))) { SourceFile = file };
    }

    private static T? Opt<T>(Dictionary<string, YamlNode> map, string key, Func<YamlNode, T> parse)
        where T : class
    {
        YamlNode? node = SpecReader.Optional(map, key);
        return node is null ? null : parse(node);
    }

    private static T? OptValue<T>(Dictionary<string, YamlNode> map, string key, Func<YamlNode, T> parse)
        where T : struct
    {
        YamlNode? node = SpecReader.Optional(map, key);
        return node is null ? null : parse(node);
    }

    private static List<T> Distinct<T>(SpecReader r, YamlNode node, string path, Func<YamlNode, T> item)
    {
        var result = new List<T>();
        foreach (YamlNode n in r.List(node, path))
        {
            T value = item(n);
            if (result.Contains(value))
            {
                throw r.Error(n, path, $"'{path}' lists {value} twice.");
            }

            result.Add(value);
        }

        return result;
    }

    private static string ParseSize(SpecReader r, YamlNode node) =>
        node is YamlScalar { Value: "full" } ? "full" : r.Int(node, "sizes", 1).ToString(CultureInfo.InvariantCulture);

    private static CohortSpec ParseCohort(SpecReader r, YamlNode node, string path, bool allowTarget)
    {
        if (allowTarget && node is YamlScalar { Value: "cohort" })
        {
            return new CohortSpec(null, null, TargetCohort: true);
        }

        Dictionary<string, YamlNode> m = r.Mapping(node, path, "manifest", "synth");
        if (m.ContainsKey("manifest") == m.ContainsKey("synth"))
        {
            throw r.Error(node, path, $"'{path}' needs exactly one of 'manifest' (a CSV path) or 'synth' (a generated cohort)" +
                (allowTarget ? ", or the word 'cohort'." : "."));
        }

        if (m.TryGetValue("manifest", out YamlNode? manifest))
        {
            return new CohortSpec(r.String(manifest, $"{path}.manifest"), null);
        }

        string sp = $"{path}.synth";
        YamlNode synthNode = m["synth"];
        Dictionary<string, YamlNode> s = r.Mapping(synthNode, sp, "kind", "patients", "size", "seed", "observers", "field");
        string kind = r.Choice(r.Required(s, synthNode, sp, "kind"), $"{sp}.kind", SpecDefaults.SynthKinds);
        string? field = Opt(s, "field", n => r.Choice(n, $"{sp}.field", SpecDefaults.Fields));
        if (field is not null && kind != "cardiac-cine")
        {
            throw r.Error(s["field"], $"{sp}.field", $"'field' (MR field strength) applies to cardiac-cine cohorts only; the kind is '{kind}'.");
        }

        return new CohortSpec(null, new SynthSpec(kind,
            OptValue(s, "patients", n => r.Int(n, $"{sp}.patients", 2)),
            OptValue(s, "size", n => SynthSize(r, n, $"{sp}.size", kind)),
            OptValue(s, "seed", n => r.Int(n, $"{sp}.seed", 0)),
            OptValue(s, "observers", n => r.Int(n, $"{sp}.observers", 1)),
            field));
    }

    // The generators' own limits (L3CtOptions, CardiacCineOptions, NaturalImageOptions), checked here so a bad size
    // fails at the spec line instead of deep inside a run.
    private static int SynthSize(SpecReader r, YamlNode node, string path, string kind)
    {
        var (min, max) = kind switch
        {
            "l3-ct" => (32, 4096),
            "cardiac-cine" => (32, 2048),
            _ => (16, 2048),
        };
        int size = r.Int(node, path, min);
        return size <= max ? size : throw r.Error(node, path, $"'{path}' must be ≤ {max} for kind '{kind}'; found {size}.");
    }

    private static PreprocessingSpec ParsePreprocessing(SpecReader r, YamlNode node)
    {
        Dictionary<string, YamlNode> m = r.Mapping(node, "preprocessing", "window", "normalization", "resize");
        WindowSpec? window = Opt(m, "window", w =>
        {
            if (w is YamlScalar)
            {
                return new WindowSpec(r.Choice(w, "preprocessing.window", SpecDefaults.WindowPresets), null, null);
            }

            Dictionary<string, YamlNode> cw = r.Mapping(w, "preprocessing.window", "center", "width");
            double center = r.Double(r.Required(cw, w, "preprocessing.window", "center"), "preprocessing.window.center", double.NegativeInfinity);
            double width = r.Double(r.Required(cw, w, "preprocessing.window", "width"), "preprocessing.window.width", 0);
            return new WindowSpec(null, center, width);
        });
        return new PreprocessingSpec(window,
            Opt(m, "normalization", n => r.Choice(n, "preprocessing.normalization", SpecDefaults.Normalizations)),
            OptValue(m, "resize", n => r.Int(n, "preprocessing.resize", 8)));
    }

    private static ModelSpec ParseModel(SpecReader r, YamlNode node)
    {
        Dictionary<string, YamlNode> m = r.Mapping(node, "model", "architecture", "encoder", "depth", "base_channels", "norm", "upsampling", "classes");
        var model = new ModelSpec(
            Opt(m, "architecture", n => r.Choice(n, "model.architecture", SpecDefaults.Architectures)),
            OptValue(m, "depth", n => r.Int(n, "model.depth", 1)),
            OptValue(m, "base_channels", n => r.Int(n, "model.base_channels", 1)),
            Opt(m, "norm", n => r.Choice(n, "model.norm", SpecDefaults.Norms)),
            Opt(m, "upsampling", n => r.Choice(n, "model.upsampling", SpecDefaults.Upsamplings)),
            OptValue(m, "classes", n => r.Int(n, "model.classes", 2)))
        {
            Encoder = Opt(m, "encoder", n => ParseEncoderName(r, n)),
        };
        if (model.Encoder is not null && model.Architecture is not (null or "unet"))
        {
            throw r.Error(m["encoder"], "model.encoder",
                $"'model.encoder' ('{model.Encoder}') needs model.architecture 'unet' (MLSeg's U-Net decoder around the encoder); found '{model.Architecture}'.");
        }

        return model;
    }

    // A user-defined encoder registered in this process (EncoderRegistry); built-in encoders come with model.architecture.
    private static string ParseEncoderName(SpecReader r, YamlNode node)
    {
        string name = r.String(node, "model.encoder");
        if (EncoderRegistry.IsRegistered(name))
        {
            return name;
        }

        string? guess = Levenshtein.Suggest(name, EncoderRegistry.Names);
        throw r.Error(node, "model.encoder",
            $"unknown value '{name}' for 'model.encoder': {EncoderRegistry.DescribeRegistered()}; the built-in encoders " +
            $"({string.Join(", ", EncoderRegistry.BuiltInNames)}) are chosen with model.architecture ({string.Join(", ", SpecDefaults.Architectures)}), " +
            "without model.encoder." + (guess is null ? "" : $" Did you mean '{guess}'?"));
    }
}
