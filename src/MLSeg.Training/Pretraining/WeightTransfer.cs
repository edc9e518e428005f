using MLSeg.Core.Errors;
using MLSeg.Models.Contracts;
using MLSeg.Models.Engine;
using TorchSharp;
using static TorchSharp.torch;

namespace MLSeg.Training.Pretraining;

/// <summary>
/// Moves pretrained weights between files and networks. Encoder files hold the encoder's own parameter names (no
/// <c>encoder.</c> prefix); whole-network files hold <c>encoder.*</c>, <c>decoder.*</c>, <c>head.*</c>. Every load
/// checks names and shapes first and fails with the full report before copying anything.
/// </summary>
public static class WeightTransfer
{
    /// <summary>Prefix of encoder parameters inside a <see cref="SegmentationNetwork"/>.</summary>
    public const string EncoderPrefix = "encoder.";

    /// <summary>Prefix of the classifier inside a <see cref="SegmentationNetwork"/>.</summary>
    public const string HeadPrefix = "head.";

    /// <summary>Saves <paramref name="encoder"/>'s state dict (atomically) with optional metadata.</summary>
    public static void SaveEncoder(Encoder encoder, string path, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        StateDicts.Save(encoder, path, metadata);
    }

    /// <summary>
    /// Loads an encoder file into <paramref name="encoder"/> (the file may also carry an <c>encoder.</c> prefix, e.g. a
    /// whole-network file, in which case only its <c>encoder.*</c> keys are used). Strict: every encoder key present
    /// with its shape.
    /// </summary>
    /// <exception cref="SchemaMismatchException">Missing, unexpected or mis-shaped keys (message lists them).</exception>
    public static LoadStateDictReport LoadEncoder(Encoder encoder, string path) => Import(encoder, path, ImportOptions.Strict);

    /// <summary>
    /// Imports weights into <paramref name="encoder"/> from a foreign state-dict file — safetensors, or TorchSharp's own
    /// <c>.dat</c> format (what <c>module.save(path)</c> writes; see <see cref="TorchSharpStateDictFile"/>) — mapping names by
    /// <paramref name="options"/> (prefix strip/renames). Shape mismatches and (unless allowed) missing keys fail before
    /// anything is copied; unexpected keys (e.g. a classifier's <c>fc.*</c>) are reported and ignored unless strict.
    /// </summary>
    /// <returns>The name-mapping report: loaded, missing, unexpected (after mapping), shape-mismatched.</returns>
    /// <exception cref="SchemaMismatchException">The file's tensors do not fit the encoder.</exception>
    public static LoadStateDictReport Import(Encoder encoder, string path, ImportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= new ImportOptions();
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Pretrained weights file '{path}' does not exist.", path);
        }

        using var scope = torch.NewDisposeScope();
        using StateDictFile content = StateDictFile.Load(path);
        var mapped = Map(content.Tensors, options);
        var own = StateDicts.Of(encoder);
        var missing = own.Keys.Where(k => !mapped.ContainsKey(k)).ToList();
        var unexpected = mapped.Keys.Where(k => !own.ContainsKey(k)).OrderBy(k => k, StringComparer.Ordinal).ToList();
        var mismatched = own.Where(kv => mapped.TryGetValue(kv.Key, out Tensor? t) && !kv.Value.shape.AsSpan().SequenceEqual(t.shape))
            .Select(kv => $"{kv.Key}: encoder [{string.Join(", ", kv.Value.shape)}], file [{string.Join(", ", mapped[kv.Key].shape)}]").ToList();
        var loaded = own.Keys.Where(k => mapped.ContainsKey(k)).Except(mismatched.Select(m => m[..m.IndexOf(':', StringComparison.Ordinal)])).ToList();
        var report = new LoadStateDictReport(missing, unexpected, mismatched, loaded);
        bool fails = mismatched.Count > 0 || loaded.Count == 0 || (missing.Count > 0 && !options.AllowMissing) || (unexpected.Count > 0 && options.RejectUnexpected);
        if (fails)
        {
            throw new SchemaMismatchException($"Weights in '{path}' do not fit {encoder.GetType().Name} ({loaded.Count} of {own.Count} keys match): {report.Describe()}. " +
                "Check the architecture, or map names with ImportOptions.StripPrefix/Renames.");
        }

        StateDicts.Load(encoder, mapped.Where(kv => own.ContainsKey(kv.Key)).ToDictionary(), strict: false);
        return report;
    }

    /// <summary>
    /// Loads a whole-network file (from the <c>segmentation</c> or <c>supervised</c> strategy) into
    /// <paramref name="network"/>: encoder and decoder must match exactly. The head is loaded only when its class count
    /// matches; with <paramref name="resetHeadClasses"/> the head is skipped and re-created by
    /// <see cref="SegmentationNetwork.ResetHead"/> for that many classes instead.
    /// </summary>
    /// <exception cref="SchemaMismatchException">Encoder/decoder mismatch, or a head of another class count without a reset.</exception>
    public static LoadStateDictReport LoadNetwork(SegmentationNetwork network, string path, long? resetHeadClasses = null, Generator? headGenerator = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentException.ThrowIfNullOrEmpty(path);
        LoadStateDictReport report = LoadBody(network, path, resetHeadClasses is not null);
        if (resetHeadClasses is { } classes)
        {
            // Outside LoadBody's dispose scope: the new head's parameters must outlive it.
            network.ResetHead(classes, headGenerator);
        }

        return report;
    }

    private static LoadStateDictReport LoadBody(SegmentationNetwork network, string path, bool skipHead)
    {
        using var scope = torch.NewDisposeScope();
        using StateDictFile content = StateDictFile.Load(path);
        var own = StateDicts.Of(network);
        if (!skipHead)
        {
            foreach (var (key, t) in own.Where(kv => kv.Key.StartsWith(HeadPrefix, StringComparison.Ordinal)))
            {
                if (content.Tensors.TryGetValue(key, out Tensor? f) && f.shape.Length > 0 && f.shape[0] != t.shape[0])
                {
                    throw new SchemaMismatchException(
                        $"The pretrained head in '{path}' has {f.shape[0]} classes ({key}: [{string.Join(", ", f.shape)}]); the target network has {network.NumClasses}. " +
                        "Load with resetHeadClasses set to the target's class count to keep encoder and decoder and re-initialise the head.");
                }
            }

            return StateDicts.Load(network, content.Tensors, strict: true);
        }

        var body = content.Tensors.Where(kv => !kv.Key.StartsWith(HeadPrefix, StringComparison.Ordinal)).ToDictionary();
        var ownBody = own.Keys.Where(k => !k.StartsWith(HeadPrefix, StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);
        var missing = ownBody.Where(k => !body.ContainsKey(k)).ToList();
        var unexpected = body.Keys.Where(k => !ownBody.Contains(k)).ToList();
        var mismatched = ownBody.Where(k => body.TryGetValue(k, out Tensor? t) && !own[k].shape.AsSpan().SequenceEqual(t.shape)).ToList();
        if (missing.Count + unexpected.Count + mismatched.Count > 0)
        {
            var bad = new LoadStateDictReport(missing, unexpected, mismatched, []);
            throw new SchemaMismatchException($"Encoder/decoder weights in '{path}' do not fit {network.GetType().Name}: {bad.Describe()}.");
        }

        return StateDicts.Load(network, body, strict: false);
    }

    private static Dictionary<string, Tensor> Map(IReadOnlyDictionary<string, Tensor> tensors, ImportOptions options)
    {
        string? strip = options.StripPrefix ?? (tensors.Keys.Any(k => k.StartsWith(EncoderPrefix, StringComparison.Ordinal)) ? EncoderPrefix : null);
        var result = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (key, t) in tensors)
        {
            string name = key;
            if (strip is not null)
            {
                if (!name.StartsWith(strip, StringComparison.Ordinal))
                {
                    continue;
                }

                name = name[strip.Length..];
            }

            foreach (var (from, to) in options.Renames)
            {
                if (name.StartsWith(from, StringComparison.Ordinal))
                {
                    name = to + name[from.Length..];
                    break;
                }
            }

            result[name] = t;
        }

        return result;
    }
}
