using System.Globalization;
using System.Text.Json;
using MLSeg.Core.Errors;
using MLSeg.Torch.Serialization;

namespace MLSeg.Torch.Optim;

// Saving and restoring optimizer state for resuming training: a safetensors file whose tensors are the state buffers
// ("state.<group>.<index>.<name>") and whose metadata holds the optimizer type, step counts and group options as JSON.
public abstract partial class Optimizer
{
    private const string TypeKey = "optimizer";
    private const string GroupsKey = "param_groups";
    private const string StepsKey = "steps";

    /// <summary>Writes the state buffers, step counts and group options to <paramref name="path"/> (atomically).</summary>
    public void SaveState(string path)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        var steps = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var ((g, i), s) in state)
        {
            steps[Key(g, i)] = s.Step;
            foreach (var (name, t) in s.Tensors)
            {
                tensors[$"state.{Key(g, i)}.{name}"] = t;
            }
        }

        var groupInfo = groups.Select(g => new GroupRecord(g.LearningRate, g.InitialLearningRate, g.WeightDecay, g.Parameters.Count)).ToList();
        var metadata = new Dictionary<string, string>
        {
            [TypeKey] = GetType().Name,
            [GroupsKey] = JsonSerializer.Serialize(groupInfo),
            [StepsKey] = JsonSerializer.Serialize(steps),
        };
        SafeTensors.Save(path, tensors, metadata);
    }

    /// <summary>
    /// Restores state written by <see cref="SaveState"/> for the same optimizer type and parameter layout; replaces
    /// the current state and the groups' learning rates and weight decay.
    /// </summary>
    /// <exception cref="SchemaMismatchException">The file is for another optimizer type, group layout or parameter shapes.</exception>
    public void LoadState(string path)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        using var scope = Torch.NewDisposeScope();
        using SafeTensorsContent content = SafeTensors.Load(path);
        string type = Meta(content, TypeKey, path);
        if (type != GetType().Name)
        {
            throw new SchemaMismatchException($"{path}: optimizer state is for {type}, not {GetType().Name}.");
        }

        var groupInfo = JsonSerializer.Deserialize<List<GroupRecord>>(Meta(content, GroupsKey, path))
            ?? throw new SchemaMismatchException($"{path}: '{GroupsKey}' metadata is null.");
        var steps = JsonSerializer.Deserialize<Dictionary<string, long>>(Meta(content, StepsKey, path))
            ?? throw new SchemaMismatchException($"{path}: '{StepsKey}' metadata is null.");
        if (groupInfo.Count != groups.Count || groupInfo.Where((r, k) => r.Parameters != groups[k].Parameters.Count).Any())
        {
            throw new SchemaMismatchException($"{path}: saved groups have [{string.Join(", ", groupInfo.Select(r => r.Parameters))}] parameters; " +
                $"this optimizer has [{string.Join(", ", groups.Select(g => g.Parameters.Count))}].");
        }

        var restored = new Dictionary<(int, int), ParameterState>();
        try
        {
            foreach (var (key, step) in steps)
            {
                var (g, i) = ParseKey(key, path);
                restored[(g, i)] = new ParameterState { Step = step };
            }

            foreach (var (name, t) in content.Tensors)
            {
                string[] parts = name.Split('.', 4);
                if (parts.Length != 4 || parts[0] != "state")
                {
                    throw new SchemaMismatchException($"{path}: unexpected tensor '{name}'; expected state.<group>.<index>.<name>.");
                }

                var (g, i) = ParseKey($"{parts[1]}.{parts[2]}", path);
                if (!restored.TryGetValue((g, i), out ParameterState? s))
                {
                    throw new SchemaMismatchException($"{path}: tensor '{name}' has no step count.");
                }

                long[] want = groups[g].Parameters[i].Shape;
                if (!want.AsSpan().SequenceEqual(t.Shape))
                {
                    throw new SchemaMismatchException($"{path}: '{name}' is [{string.Join(", ", t.Shape)}]; parameter {g}.{i} is [{string.Join(", ", want)}].");
                }

                using Tensor onDevice = t.To(groups[g].Parameters[i].Device);
                s.Set(parts[3], onDevice.Clone());
            }
        }
        catch
        {
            foreach (ParameterState s in restored.Values)
            {
                s.Dispose();
            }

            throw;
        }

        foreach (ParameterState s in state.Values)
        {
            s.Dispose();
        }

        state.Clear();
        foreach (var (k, s) in restored)
        {
            state[k] = s;
        }

        for (int g = 0; g < groups.Count; g++)
        {
            groups[g].LearningRate = groupInfo[g].LearningRate;
            groups[g].InitialLearningRate = groupInfo[g].InitialLearningRate;
            groups[g].WeightDecay = groupInfo[g].WeightDecay;
        }
    }

    private (int Group, int Index) ParseKey(string key, string path)
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

    private static string Meta(SafeTensorsContent content, string key, string path) =>
        content.Metadata.TryGetValue(key, out string? v) ? v : throw new SchemaMismatchException($"{path}: metadata '{key}' is missing; not an MLSeg optimizer state file.");

    private static string Key(int g, int i) => string.Create(CultureInfo.InvariantCulture, $"{g}.{i}");

    private sealed record GroupRecord(double LearningRate, double InitialLearningRate, double WeightDecay, int Parameters);
}
