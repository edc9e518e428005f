namespace MLSeg.Experiments.Specs;

/// <summary>Sources, folds, fine-tuning and resources sections.</summary>
public static partial class SpecParser
{
    private static List<SourceSpec> ParseSources(SpecReader r, YamlNode node)
    {
        var sources = new List<SourceSpec>();
        IReadOnlyList<YamlNode> items = r.List(node, "sources");
        for (int i = 0; i < items.Count; i++)
        {
            string p = $"sources[{i}]";
            Dictionary<string, YamlNode> m = r.Mapping(items[i], p, "name", "epochs", "lr", "batch", "data", "from", "file");
            YamlNode nameNode = r.Required(m, items[i], p, "name");
            string name = r.Choice(nameNode, $"{p}.name", SpecDefaults.SourceStrategies);
            if (sources.Any(s => s.Name == name))
            {
                throw r.Error(nameNode, $"{p}.name", $"source '{name}' is listed twice.");
            }

            bool trains = name is not ("none" or "import");
            foreach (string key in m.Keys.Where(k => k != "name"))
            {
                bool allowed = key == "file" ? name == "import" : key == "from" ? name == "supervised" : trains;
                if (!allowed)
                {
                    throw r.Error(m[key], $"{p}.{key}", $"'{key}' does not apply to source '{name}'.");
                }
            }

            string? from = Opt(m, "from", n => r.String(n, $"{p}.from"));
            if (from is not null && !sources.Any(s => s.Name == from && s.TrainsEncoder))
            {
                throw r.Error(m["from"], $"{p}.from", $"'from: {from}' must name a pretraining source listed before this one; " +
                    $"listed: {string.Join(", ", sources.Where(s => s.TrainsEncoder).Select(s => s.Name).DefaultIfEmpty("(none)"))}.");
            }

            CohortSpec? data = Opt(m, "data", n => ParseCohort(r, n, $"{p}.data", allowTarget: true));
            if (name == "supervised" && data is null)
            {
                throw r.Error(items[i], $"{p}.data", "source 'supervised' needs 'data' (the labelled source cohort: manifest or synth).");
            }

            string? file = Opt(m, "file", n => r.String(n, $"{p}.file"));
            if (name == "import" && file is null)
            {
                throw r.Error(items[i], $"{p}.file", "source 'import' needs 'file' (a .safetensors encoder).");
            }

            sources.Add(new SourceSpec(name,
                OptValue(m, "epochs", n => r.Int(n, $"{p}.epochs", 1)),
                OptValue(m, "lr", n => r.Double(n, $"{p}.lr", 0)),
                OptValue(m, "batch", n => r.Int(n, $"{p}.batch", 1)),
                data, from, file));
        }

        return sources;
    }

    private static FoldsSpec ParseFolds(SpecReader r, YamlNode node)
    {
        Dictionary<string, YamlNode> m = r.Mapping(node, "folds", "k", "run", "seed");
        int? k = OptValue(m, "k", n => r.Int(n, "folds.k", 2));
        int kk = k ?? SpecDefaults.FoldsK;
        List<int>? run = Opt(m, "run", n => Distinct(r, n, "folds.run", i =>
        {
            int f = r.Int(i, "folds.run", 0);
            return f < kk ? f : throw r.Error(i, "folds.run", $"fold {f} is out of range: k = {kk} gives folds 0…{kk - 1}.");
        }));
        return new FoldsSpec(k, run, OptValue(m, "seed", n => r.Int(n, "folds.seed", 0)));
    }

    private static FinetuneSpec ParseFinetune(SpecReader r, YamlNode node)
    {
        const string P = "finetune";
        Dictionary<string, YamlNode> m = r.Mapping(node, P, "epochs", "epochs_scaled_by_n", "lr", "batch", "frozen", "unfrozen", "schedule", "loss",
            "augmentation", "early_stopping", "precision", "memory_format");
        if (m.ContainsKey("epochs") && m.ContainsKey("epochs_scaled_by_n"))
        {
            throw r.Error(m["epochs_scaled_by_n"], "finetune.epochs_scaled_by_n", "give 'epochs' or 'epochs_scaled_by_n', not both.");
        }

        if (m.ContainsKey("frozen") != m.ContainsKey("unfrozen"))
        {
            throw r.Error(node, P, "'frozen' and 'unfrozen' phases go together: give both or neither.");
        }

        ScaledEpochsSpec? scaled = Opt(m, "epochs_scaled_by_n", n =>
        {
            Dictionary<string, YamlNode> s = r.Mapping(n, "finetune.epochs_scaled_by_n", "base", "full_n");
            return new ScaledEpochsSpec(r.Int(r.Required(s, n, "finetune.epochs_scaled_by_n", "base"), "finetune.epochs_scaled_by_n.base", 1),
                r.Int(r.Required(s, n, "finetune.epochs_scaled_by_n", "full_n"), "finetune.epochs_scaled_by_n.full_n", 1));
        });
        PhaseSpec? Phase(string key) => Opt(m, key, n =>
        {
            Dictionary<string, YamlNode> s = r.Mapping(n, $"{P}.{key}", "epochs", "lr");
            return new PhaseSpec(r.Int(r.Required(s, n, $"{P}.{key}", "epochs"), $"{P}.{key}.epochs", 1),
                r.Double(r.Required(s, n, $"{P}.{key}", "lr"), $"{P}.{key}.lr", 0));
        });
        LossSpec? loss = Opt(m, "loss", n =>
        {
            Dictionary<string, YamlNode> s = r.Mapping(n, "finetune.loss", "dice", "ce");
            return new LossSpec(OptValue(s, "dice", v => r.NonNegative(v, "finetune.loss.dice")), OptValue(s, "ce", v => r.NonNegative(v, "finetune.loss.ce")));
        });
        AugmentationSpec? aug = Opt(m, "augmentation", n =>
        {
            Dictionary<string, YamlNode> s = r.Mapping(n, "finetune.augmentation", "flip", "rotate_deg", "scale", "intensity");
            return new AugmentationSpec(OptValue(s, "flip", v => r.Bool(v, "finetune.augmentation.flip")),
                OptValue(s, "rotate_deg", v => r.NonNegative(v, "finetune.augmentation.rotate_deg")),
                OptValue(s, "scale", v => r.NonNegative(v, "finetune.augmentation.scale")),
                OptValue(s, "intensity", v => r.NonNegative(v, "finetune.augmentation.intensity")));
        });
        EarlyStoppingSpec? early = Opt(m, "early_stopping", n =>
        {
            Dictionary<string, YamlNode> s = r.Mapping(n, "finetune.early_stopping", "enabled", "patience", "val_fraction");
            double? fraction = OptValue(s, "val_fraction", v => r.Double(v, "finetune.early_stopping.val_fraction", 0));
            if (fraction >= 1)
            {
                throw r.Error(s["val_fraction"], "finetune.early_stopping.val_fraction", $"'val_fraction' must be below 1; found {fraction}.");
            }

            return new EarlyStoppingSpec(OptValue(s, "enabled", v => r.Bool(v, "finetune.early_stopping.enabled")),
                OptValue(s, "patience", v => r.Int(v, "finetune.early_stopping.patience", 1)), fraction);
        });
        return new FinetuneSpec(
            OptValue(m, "epochs", n => r.Int(n, "finetune.epochs", 1)), scaled,
            OptValue(m, "lr", n => r.Double(n, "finetune.lr", 0)),
            OptValue(m, "batch", n => r.Int(n, "finetune.batch", 1)),
            Phase("frozen"), Phase("unfrozen"),
            Opt(m, "schedule", n => r.Choice(n, "finetune.schedule", SpecDefaults.Schedules)),
            loss, aug, early)
        {
            Precision = Opt(m, "precision", n => r.Choice(n, "finetune.precision", SpecDefaults.Precisions)),
            MemoryFormat = Opt(m, "memory_format", n => r.Choice(n, "finetune.memory_format", SpecDefaults.MemoryFormats)),
        };
    }

    private static SlurmSpec ParseResources(SpecReader r, YamlNode node)
    {
        Dictionary<string, YamlNode> m = r.Mapping(node, "resources", "slurm");
        YamlNode slurm = r.Required(m, node, "resources", "slurm");
        Dictionary<string, YamlNode> s = r.Mapping(slurm, "resources.slurm", "partition", "time", "cpus", "gres");
        return new SlurmSpec(
            Opt(s, "partition", n => r.String(n, "resources.slurm.partition")),
            Opt(s, "time", n => r.String(n, "resources.slurm.time")),
            OptValue(s, "cpus", n => r.Int(n, "resources.slurm.cpus", 1)),
            Opt(s, "gres", n => r.String(n, "resources.slurm.gres")));
    }
}
