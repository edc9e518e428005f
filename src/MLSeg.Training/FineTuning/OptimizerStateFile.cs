using System.Globalization;
using System.Text.Json;
using MLSeg.Core.Errors;
using MLSeg.Models.Engine;
using MLSeg.Models.Engine.Serialization;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLSeg.Training.FineTuning;

/// <summary>
/// Saves and restores the state of <see cref="FlatAdam"/> (Adam and AdamW) for resuming training, as safetensors. Tensors
/// are named <c>state.&lt;group&gt;.&lt;index&gt;.&lt;buffer&gt;</c> (<c>exp_avg</c>, <c>exp_avg_sq</c>) with each
/// parameter's shape; the metadata holds the optimizer type (<c>optimizer</c>: <c>Adam</c> or <c>AdamW</c>), each group's
/// rates and size (<c>param_groups</c>, JSON) and the step counts (<c>steps</c>, JSON by <c>group.index</c>) — the layout
/// MLSeg's checkpoints have always used, so <c>optimizer.safetensors</c> files written by earlier versions (TorchSharp's
/// and MLSeg's own Adam) load.
/// </summary>
public static class OptimizerStateFile
{
    private const string TypeKey = "optimizer";
    private const string GroupsKey = "param_groups";
    private const string StepsKey = "steps";

    /// <summary>Writes the state of <paramref name="optimizer"/> to <paramref name="path"/> (temp file + rename).</summary>
    public static void Save(FlatAdam optimizer, string path)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var scope = torch.NewDisposeScope();
        var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        var steps = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (FlatAdamGroup group in optimizer.Groups)
        {
            for (int i = 0; i < group.Parameters.Count; i++)
            {
                string key = Key(group.Index, i);
                steps[key] = group.StepOf(i);
                tensors[$"state.{key}.exp_avg"] = group.ExpAvgOf(i);
                tensors[$"state.{key}.exp_avg_sq"] = group.ExpAvgSqOf(i);
            }
        }

        var metadata = new Dictionary<string, string>
        {
            [TypeKey] = TypeName(optimizer),
            [GroupsKey] = JsonSerializer.Serialize(optimizer.Groups.Select(g => new GroupRecord(g.LearningRate, g.InitialLearningRate, g.WeightDecay, g.Parameters.Count)).ToList()),
            [StepsKey] = JsonSerializer.Serialize(steps),
        };
        SafeTensors.Save(path, tensors, metadata);
    }

    /// <summary>
    /// Restores state written by <see cref="Save"/> into <paramref name="optimizer"/>, which must be of the same kind with
    /// the same group sizes and parameter shapes: replaces every parameter's step count and moment buffers (a parameter
    /// absent from the file starts fresh) and the groups' learning rates and weight decay. Checks everything before
    /// changing anything.
    /// </summary>
    /// <exception cref="SchemaMismatchException">Another optimizer type, group layout, parameter shape or a malformed file.</exception>
    public static void Load(FlatAdam optimizer, string path)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentException.ThrowIfNullOrEmpty(path);
        IReadOnlyList<FlatAdamGroup> groups = optimizer.Groups;
        using var scope = torch.NewDisposeScope();
        using SafeTensorsContent content = SafeTensors.Load(path);
        string type = Meta(content, TypeKey, path);
        if (type != TypeName(optimizer))
        {
            throw new SchemaMismatchException($"{path}: optimizer state is for {type}, not {TypeName(optimizer)}.");
        }

        var records = Deserialize<List<GroupRecord>>(content, GroupsKey, path);
        var steps = Deserialize<Dictionary<string, long>>(content, StepsKey, path);
        if (records.Count != groups.Count || records.Where((r, k) => r.Parameters != groups[k].Parameters.Count).Any())
        {
            throw new SchemaMismatchException($"{path}: saved groups have [{string.Join(", ", records.Select(r => r.Parameters))}] parameters; " +
                $"this optimizer has [{string.Join(", ", groups.Select(g => g.Parameters.Count))}].");
        }

        var restored = new Dictionary<(int G, int I), (long Step, Dictionary<string, Tensor> Buffers)>();
        foreach (var (key, step) in steps)
        {
            if (step < 0)
            {
                throw new SchemaMismatchException($"{path}: step count of '{key}' is {step}; expected ≥ 0.");
            }

            restored[ParseKey(key, groups, path)] = (step, new Dictionary<string, Tensor>(StringComparer.Ordinal));
        }

        foreach (var (name, t) in content.Tensors)
        {
            string[] parts = name.Split('.', 4);
            if (parts.Length != 4 || parts[0] != "state" || parts[3] is not ("exp_avg" or "exp_avg_sq"))
            {
                string amsgrad = parts.Length == 4 && parts[3] == "max_exp_avg_sq" ? " (AMSGrad state; MLSeg's optimizers do not use AMSGrad)" : "";
                throw new SchemaMismatchException($"{path}: unexpected tensor '{name}'{amsgrad}; expected state.<group>.<index>.(exp_avg|exp_avg_sq).");
            }

            var gi = ParseKey($"{parts[1]}.{parts[2]}", groups, path);
            if (!restored.TryGetValue(gi, out var entry))
            {
                throw new SchemaMismatchException($"{path}: tensor '{name}' has no step count.");
            }

            long[] own = groups[gi.G].Parameters[gi.I].shape;
            if (!own.AsSpan().SequenceEqual(t.shape))
            {
                throw new SchemaMismatchException($"{path}: '{name}' is [{string.Join(", ", t.shape)}]; parameter {gi.G}.{gi.I} is [{string.Join(", ", own)}].");
            }

            entry.Buffers[parts[3]] = t;
        }

        foreach (var (gi, (_, buffers)) in restored)
        {
            if (!buffers.ContainsKey("exp_avg") || !buffers.ContainsKey("exp_avg_sq"))
            {
                throw new SchemaMismatchException($"{path}: parameter {gi.G}.{gi.I} has a step count but not both exp_avg and exp_avg_sq.");
            }
        }

        foreach (FlatAdamGroup group in groups)
        {
            for (int i = 0; i < group.Parameters.Count; i++)
            {
                if (restored.TryGetValue((group.Index, i), out var entry))
                {
                    group.Restore(i, entry.Step, entry.Buffers["exp_avg"], entry.Buffers["exp_avg_sq"]);
                }
                else
                {
                    group.Restore(i, 0, null, null);
                }
            }

            GroupRecord record = records[group.Index];
            group.LearningRate = record.LearningRate;
            group.InitialLearningRate = record.InitialLearningRate;
            group.WeightDecay = record.WeightDecay;
        }
    }

    // The type names TorchSharp's Adam/AdamW wrote (their class names), kept so old checkpoints resume.
    private static string TypeName(FlatAdam optimizer) => optimizer.Kind switch
    {
        OptimizerKind.Adam => "Adam",
        OptimizerKind.AdamW => "AdamW",
        _ => throw new NotSupportedException($"Unknown optimizer kind {optimizer.Kind}."),
    };

    private static (int G, int I) ParseKey(string key, IReadOnlyList<FlatAdamGroup> groups, string path)
    {
        string[] parts = key.Split('.');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int g)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int i)
            && g < groups.Count && i < groups[g].Parameters.Count)
        {
            return (g, i);
        }

        throw new SchemaMismatchException($"{path}: state key '{key}' does not name a parameter of this optimizer (group.index).");
    }

    private static T Deserialize<T>(SafeTensorsContent content, string key, string path)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(Meta(content, key, path)) ?? throw new SchemaMismatchException($"{path}: '{key}' metadata is null.");
        }
        catch (JsonException e)
        {
            throw new SchemaMismatchException($"{path}: '{key}' metadata is not valid JSON: {e.Message}", e);
        }
    }

    private static string Meta(SafeTensorsContent content, string key, string path) =>
        content.Metadata.TryGetValue(key, out string? v) ? v : throw new SchemaMismatchException($"{path}: metadata '{key}' is missing; not an MLSeg optimizer state file.");

    private static string Key(int g, int i) => string.Create(CultureInfo.InvariantCulture, $"{g}.{i}");

    private sealed record GroupRecord(double LearningRate, double InitialLearningRate, double WeightDecay, int Parameters);
}
