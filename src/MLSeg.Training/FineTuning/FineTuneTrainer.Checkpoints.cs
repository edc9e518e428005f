using System.Text;
using System.Text.Json;
using MLSeg.Core.Errors;
using MLSeg.Core.IO;
using MLSeg.Models.Contracts;
using MLSeg.Models.Engine;
using MLSeg.Models.Engine.Serialization;
using TorchSharp;
using static TorchSharp.torch;

namespace MLSeg.Training.FineTuning;

// Checkpoints and the training log. Layout under OutputDirectory:
//   train_log.csv
//   checkpoints/last/{model.safetensors, optimizer.safetensors, state.json}
//   checkpoints/best/{model.safetensors, state.json}
// A checkpoint folder is written complete under a temporary name and swapped in by renames, so a crash leaves either
// the previous or the new checkpoint, never a mix of the two.
public sealed partial class FineTuneTrainer
{
    /// <summary>File name of the network weights inside a checkpoint folder.</summary>
    public const string ModelFile = "model.safetensors";

    /// <summary>File name of the optimizer state inside <c>checkpoints/last</c>.</summary>
    public const string OptimizerFile = "optimizer.safetensors";

    /// <summary>File name of the run position inside a checkpoint folder.</summary>
    public const string StateFile = "state.json";

    /// <summary>File name of the per-epoch log inside the output folder.</summary>
    public const string LogFile = "train_log.csv";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>Folder of the last checkpoint for an output folder.</summary>
    public static string LastCheckpointDirectory(string outputDirectory) => Path.Combine(outputDirectory, "checkpoints", "last");

    /// <summary>Folder of the best-validation checkpoint for an output folder.</summary>
    public static string BestCheckpointDirectory(string outputDirectory) => Path.Combine(outputDirectory, "checkpoints", "best");

    private string LastDir => LastCheckpointDirectory(Options.OutputDirectory!);

    private string BestDir => BestCheckpointDirectory(Options.OutputDirectory!);

    private TrainerState? TryLoadLast(SegmentationNetwork network)
    {
        string dir = RecoverSwap(LastDir);
        string statePath = Path.Combine(dir, StateFile);
        if (!File.Exists(statePath))
        {
            return null;
        }

        TrainerState state = JsonSerializer.Deserialize<TrainerState>(File.ReadAllText(statePath))
            ?? throw new SchemaMismatchException($"{statePath}: empty training state.");
        if (state.Seed != Options.Seed.Value)
        {
            throw new SchemaMismatchException($"{statePath}: checkpoint was trained with seed {state.Seed}; this run has seed {Options.Seed.Value}. " +
                "Resume with the same seed or start a new output folder.");
        }

        if (state.NextPhase > Options.Phases.Count || (state.NextPhase < Options.Phases.Count && state.NextEpochInPhase >= Options.Phases[state.NextPhase].Epochs))
        {
            throw new SchemaMismatchException($"{statePath}: checkpoint position (phase {state.NextPhase}, epoch {state.NextEpochInPhase}) lies outside this run's phases.");
        }

        StateDicts.Load(network, Path.Combine(dir, ModelFile));
        return state;
    }

    private Dictionary<string, Tensor>? LoadBestSnapshot()
    {
        string dir = RecoverSwap(BestDir);
        string path = Path.Combine(dir, ModelFile);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The last checkpoint records a best epoch but {path} is missing.", path);
        }

        using var scope = torch.NewDisposeScope();
        using var content = SafeTensors.Load(path);
        var snapshot = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (key, t) in content.Tensors)
        {
            snapshot[key] = t.to(Options.Device).clone().DetachFromDisposeScope();
        }

        return snapshot;
    }

    private void WriteCheckpoints(SegmentationNetwork network, FlatAdam optimizer, TrainerState state, bool improved)
    {
        if (Options.OutputDirectory is null)
        {
            return;
        }

        if (improved)
        {
            WriteFolder(BestDir, tmp =>
            {
                StateDicts.Save(network, Path.Combine(tmp, ModelFile));
                File.WriteAllText(Path.Combine(tmp, StateFile), JsonSerializer.Serialize(new { epoch = state.BestEpoch, valDice = state.BestValDice }, Json));
            });
        }

        WriteFolder(LastDir, tmp =>
        {
            StateDicts.Save(network, Path.Combine(tmp, ModelFile));
            OptimizerStateFile.Save(optimizer, Path.Combine(tmp, OptimizerFile));
            File.WriteAllText(Path.Combine(tmp, StateFile), JsonSerializer.Serialize(state, Json));
        });

        var csv = new StringBuilder(EpochLogRow.Header).Append('\n');
        foreach (EpochLogRow row in state.Log)
        {
            csv.Append(row.ToCsv()).Append('\n');
        }

        AtomicFile.WriteAllText(Path.Combine(Options.OutputDirectory, LogFile), csv.ToString());
    }

    private static void WriteFolder(string dir, Action<string> write)
    {
        string tmp = dir + ".tmp";
        string old = dir + ".old";
        if (Directory.Exists(tmp))
        {
            Directory.Delete(tmp, recursive: true);
        }

        Directory.CreateDirectory(tmp);
        write(tmp);
        if (Directory.Exists(old))
        {
            Directory.Delete(old, recursive: true);
        }

        if (Directory.Exists(dir))
        {
            Directory.Move(dir, old);
        }

        Directory.Move(tmp, dir);
        if (Directory.Exists(old))
        {
            Directory.Delete(old, recursive: true);
        }
    }

    // A crash between the two renames of WriteFolder leaves only "<dir>.old": that is the complete previous checkpoint.
    private static string RecoverSwap(string dir)
    {
        string old = dir + ".old";
        if (!Directory.Exists(dir) && Directory.Exists(old))
        {
            Directory.Move(old, dir);
        }

        return dir;
    }
}
