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
/// Saves and restores the state of TorchSharp's <see cref="Adam"/> and <see cref="AdamW"/> optimizers for resuming
/// training, as safetensors (TorchSharp's own <c>save_state_dict</c> writes a TorchSharp-only binary format). Tensors are
/// named <c>state.&lt;group&gt;.&lt;index&gt;.&lt;buffer&gt;</c> (<c>exp_avg</c>, <c>exp_avg_sq</c>, <c>max_exp_avg_sq</c>
/// with AMSGrad); the metadata holds the optimizer type (<c>optimizer</c>), each group's rates and size
/// (<c>param_groups</c>, JSON) and the step counts (<c>steps</c>, JSON by <c>group.index</c>) — the layout MLSeg's
/// checkpoints have always used, so older <c>optimizer.safetensors</c> files load.
/// </summary>
public static class OptimizerStateFile
{
    private const string TypeKey = "optimizer";
    private const string GroupsKey = "param_groups";
    private const string StepsKey = "steps";

    /// <summary>Writes the state of <paramref name="optimizer"/> to <paramref name="path"/> (temp file + rename).</summary>
    /// <exception cref="NotSupportedException">The optimizer is not Adam or AdamW.</exception>
    public static void Save(optim.Optimizer optimizer, string path)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentException.ThrowIfNullOrEmpty(path);
        var groups = Groups(optimizer);
        var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        var steps = new Dictionary<string, long>(StringComparer.Ordinal);
        for (int g = 0; g < groups.Count; g++)
        {
            for (int i = 0; i < groups[g].States.Count; i++)
            {
                AdamBuffers s = AdamBuffers.Of(groups[g].States[i]);
                string key = Key(g, i);
                steps[key] = s.Step;
                tensors[$"state.{key}.exp_avg"] = s.ExpAvg;
                tensors[$"state.{key}.exp_avg_sq"] = s.ExpAvgSq;
                if (s.MaxExpAvgSq is { } max)
                {
                    tensors[$"state.{key}.max_exp_avg_sq"] = max;
                }
            }
        }

        var metadata = new Dictionary<string, string>
        {
            [TypeKey] = optimizer.GetType().Name,
            [GroupsKey] = JsonSerializer.Serialize(groups.Select(g => g.Record).ToList()),
            [StepsKey] = JsonSerializer.Serialize(steps),
        };
        SafeTensors.Save(path, tensors, metadata);
    }

    /// <summary>
    /// Restores state written by <see cref="Save"/> into <paramref name="optimizer"/>, which must be of the same type with
    /// the same group sizes and parameter shapes: replaces every parameter's step count and moment buffers (a parameter
    /// absent from the file starts fresh) and the groups' learning rates and weight decay. Checks everything before
    /// changing anything.
    /// </summary>
    /// <exception cref="SchemaMismatchException">Another optimizer type, group layout, parameter shape or a malformed file.</exception>
    public static void Load(optim.Optimizer optimizer, string path)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentException.ThrowIfNullOrEmpty(path);
        var groups = Groups(optimizer);
        using var scope = torch.NewDisposeScope();
        using SafeTensorsContent content = SafeTensors.Load(path);
        string type = Meta(content, TypeKey, path);
        if (type != optimizer.GetType().Name)
        {
            throw new SchemaMismatchException($"{path}: optimizer state is for {type}, not {optimizer.GetType().Name}.");
        }

        var records = Deserialize<List<GroupRecord>>(content, GroupsKey, path);
        var steps = Deserialize<Dictionary<string, long>>(content, StepsKey, path);
        if (records.Count != groups.Count || records.Where((r, k) => r.Parameters != groups[k].States.Count).Any())
        {
            throw new SchemaMismatchException($"{path}: saved groups have [{string.Join(", ", records.Select(r => r.Parameters))}] parameters; " +
                $"this optimizer has [{string.Join(", ", groups.Select(g => g.States.Count))}].");
        }

        var restored = new Dictionary<(int G, int I), (long Step, Dictionary<string, Tensor> Buffers)>();
        foreach (var (key, step) in steps)
        {
            restored[ParseKey(key, groups, path)] = (step, new Dictionary<string, Tensor>(StringComparer.Ordinal));
        }

        foreach (var (name, t) in content.Tensors)
        {
            string[] parts = name.Split('.', 4);
            if (parts.Length != 4 || parts[0] != "state" || parts[3] is not ("exp_avg" or "exp_avg_sq" or "max_exp_avg_sq"))
            {
                throw new SchemaMismatchException($"{path}: unexpected tensor '{name}'; expected state.<group>.<index>.(exp_avg|exp_avg_sq|max_exp_avg_sq).");
            }

            var gi = ParseKey($"{parts[1]}.{parts[2]}", groups, path);
            if (!restored.TryGetValue(gi, out var entry))
            {
                throw new SchemaMismatchException($"{path}: tensor '{name}' has no step count.");
            }

            Tensor own = AdamBuffers.Of(groups[gi.G].States[gi.I]).ExpAvg;
            if (!own.shape.AsSpan().SequenceEqual(t.shape))
            {
                throw new SchemaMismatchException($"{path}: '{name}' is [{string.Join(", ", t.shape)}]; parameter {gi.G}.{gi.I} is [{string.Join(", ", own.shape)}].");
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

        using (torch.no_grad())
        {
            for (int g = 0; g < groups.Count; g++)
            {
                for (int i = 0; i < groups[g].States.Count; i++)
                {
                    OptimizerState state = groups[g].States[i];
                    if (restored.TryGetValue((g, i), out var entry))
                    {
                        AdamBuffers.Restore(state, entry.Step, entry.Buffers["exp_avg"], entry.Buffers["exp_avg_sq"], entry.Buffers.GetValueOrDefault("max_exp_avg_sq"));
                    }
                    else
                    {
                        AdamBuffers.Reset(state);
                    }
                }

                groups[g].Group.Options.LearningRate = records[g].LearningRate;
                groups[g].Group.Options.InitialLearningRate = records[g].InitialLearningRate;
                SetWeightDecay(groups[g].Group.Options, records[g].WeightDecay);
            }
        }
    }

    private static List<GroupView> Groups(optim.Optimizer optimizer)
    {
        if (optimizer is not (Adam or AdamW))
        {
            throw new NotSupportedException($"Optimizer state files support Adam and AdamW; got {optimizer.GetType().Name}.");
        }

        var helper = (OptimizerHelper)optimizer;
        List<OptimizerState> all = helper.state_dict().State;
        var result = new List<GroupView>();
        int offset = 0;
        foreach (ParamGroup group in optimizer.ParamGroups.Cast<ParamGroup>())
        {
            int count = group.Parameters.Count();
            var record = new GroupRecord(group.LearningRate, group.InitialLearningRate, WeightDecay(group.Options), count);
            result.Add(new GroupView(group, all.GetRange(offset, count), record));
            offset += count;
        }

        return result;
    }

    private static double WeightDecay(OptimizerOptions options) => options switch
    {
        Adam.Options a => a.weight_decay ?? 0,
        AdamW.Options w => w.weight_decay ?? 0,
        _ => throw new NotSupportedException($"Unexpected optimizer options {options.GetType().FullName}."),
    };

    private static void SetWeightDecay(OptimizerOptions options, double value)
    {
        switch (options)
        {
            case Adam.Options a:
                a.weight_decay = value;
                break;
            case AdamW.Options w:
                w.weight_decay = value;
                break;
            default:
                throw new NotSupportedException($"Unexpected optimizer options {options.GetType().FullName}.");
        }
    }

    private static (int G, int I) ParseKey(string key, List<GroupView> groups, string path)
    {
        string[] parts = key.Split('.');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int g)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int i)
            && g < groups.Count && i < groups[g].States.Count)
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

    private sealed record GroupView(ParamGroup Group, List<OptimizerState> States, GroupRecord Record);

    private sealed record GroupRecord(double LearningRate, double InitialLearningRate, double WeightDecay, int Parameters);

    // The per-parameter buffers of Adam and AdamW, whose State classes are distinct types with the same public fields.
    private readonly record struct AdamBuffers(long Step, Tensor ExpAvg, Tensor ExpAvgSq, Tensor? MaxExpAvgSq)
    {
        public static AdamBuffers Of(OptimizerState state) => state switch
        {
            Adam.State a => new(a.step, a.exp_avg, a.exp_avg_sq, a.max_exp_avg_sq),
            AdamW.State w => new(w.step, w.exp_avg, w.exp_avg_sq, w.max_exp_avg_sq),
            _ => throw new NotSupportedException($"Unexpected optimizer state {state.GetType().FullName}."),
        };

        public static void Restore(OptimizerState state, long step, Tensor expAvg, Tensor expAvgSq, Tensor? maxExpAvgSq)
        {
            AdamBuffers own = Of(state);
            own.ExpAvg.copy_(expAvg);
            own.ExpAvgSq.copy_(expAvgSq);
            if (own.MaxExpAvgSq is { } max)
            {
                if (maxExpAvgSq is null)
                {
                    max.zero_();
                }
                else
                {
                    max.copy_(maxExpAvgSq);
                }
            }

            switch (state)
            {
                case Adam.State a:
                    a.step = step;
                    break;
                case AdamW.State w:
                    w.step = step;
                    break;
            }
        }

        public static void Reset(OptimizerState state)
        {
            AdamBuffers own = Of(state);
            own.ExpAvg.zero_();
            own.ExpAvgSq.zero_();
            own.MaxExpAvgSq?.zero_();
            switch (state)
            {
                case Adam.State a:
                    a.step = 0;
                    break;
                case AdamW.State w:
                    w.step = 0;
                    break;
            }
        }
    }
}
