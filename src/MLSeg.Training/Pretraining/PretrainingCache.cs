using System.Globalization;
using System.Text.Json;
using MLSeg.Core.Errors;
using MLSeg.Core.IO;

namespace MLSeg.Training.Pretraining;

/// <summary>
/// Pretrained weights shared by every arm: <c>&lt;root&gt;/&lt;key&gt;/{weights.safetensors, manifest.json}</c>, with
/// root normally <c>artifacts/cache/pretrained</c> and key a content hash of the source task and seed computed by the
/// caller. An entry is built in a temporary sibling folder and renamed into place when complete, so a reader never
/// sees half an entry and an interrupted build leaves nothing behind under the key. Builds of one key are serialised
/// by <c>&lt;root&gt;/&lt;key&gt;.lock</c> (<see cref="FileLock"/>): parallel arms and Slurm array tasks that need the
/// same entry train it once, and the others wait for it and load it.
/// </summary>
public sealed class PretrainingCache
{
    /// <summary>File name of the weights inside an entry.</summary>
    public const string WeightsFile = "weights.safetensors";

    /// <summary>File name of the manifest inside an entry.</summary>
    public const string ManifestFile = "manifest.json";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>Creates a cache rooted at <paramref name="root"/> (created on first write).</summary>
    public PretrainingCache(string root)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        Root = Path.GetFullPath(root);
    }

    /// <summary>The cache folder.</summary>
    public string Root { get; }

    /// <summary>How long <see cref="GetOrCreate"/> waits for another thread or process building the same key (default 24 h).</summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromHours(24);

    /// <summary>The lock file that serialises builds of <paramref name="key"/>.</summary>
    public string LockPath(string key) => Path.Combine(Root, CheckKey(key) + ".lock");

    /// <summary>The folder of entry <paramref name="key"/>.</summary>
    public string EntryDirectory(string key) => Path.Combine(Root, CheckKey(key));

    /// <summary>The complete entry for <paramref name="key"/>, or null when there is none.</summary>
    /// <exception cref="SchemaMismatchException">The entry's manifest is unreadable or names another key.</exception>
    public PretrainingManifest? TryGet(string key)
    {
        string dir = EntryDirectory(key);
        string manifestPath = Path.Combine(dir, ManifestFile);
        if (!File.Exists(manifestPath))
        {
            return null;
        }

        PretrainingManifest manifest = JsonSerializer.Deserialize<PretrainingManifest>(File.ReadAllText(manifestPath))
            ?? throw new SchemaMismatchException($"{manifestPath}: empty manifest.");
        if (manifest.Key != key || !File.Exists(Path.Combine(dir, manifest.WeightsFile)))
        {
            throw new SchemaMismatchException($"{manifestPath}: names key '{manifest.Key}' and weights '{manifest.WeightsFile}'; expected key '{key}' with its weights beside it. Delete the folder to rebuild it.");
        }

        return manifest;
    }

    /// <summary>Path of the weights of a complete entry.</summary>
    public string WeightsPath(string key, PretrainingManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        return Path.Combine(EntryDirectory(key), manifest.WeightsFile);
    }

    /// <summary>
    /// Returns the entry for <paramref name="key"/>, running <paramref name="build"/> only when it is absent.
    /// <paramref name="build"/> receives the path to write the weights to and returns facts for the manifest. Callers
    /// racing on one key (threads or processes) build it once: the first holds the key's lock while it builds, the
    /// others wait on the lock and then find the entry.
    /// </summary>
    /// <param name="key">Content hash (letters, digits, '-', '_').</param>
    /// <param name="strategy">The strategy that builds it.</param>
    /// <param name="scope">"encoder" or "network".</param>
    /// <param name="build">Trains and writes the weights file.</param>
    /// <returns>The manifest and whether it was built now (false: loaded from the cache).</returns>
    /// <exception cref="TimeoutException">Another builder held the key's lock for longer than <see cref="LockTimeout"/>.</exception>
    public (PretrainingManifest Manifest, bool Built) GetOrCreate(string key, PretrainingStrategy strategy, string scope, Func<string, IReadOnlyDictionary<string, string>> build)
    {
        ArgumentNullException.ThrowIfNull(build);
        if (scope is not ("encoder" or "network"))
        {
            throw new ArgumentException($"Scope must be 'encoder' or 'network'; got '{scope}'.", nameof(scope));
        }

        if (TryGet(key) is { } existing)
        {
            return (existing, false);
        }

        using FileLock held = FileLock.Acquire(LockPath(key), LockTimeout);
        if (TryGet(key) is { } builtMeanwhile)
        {
            return (builtMeanwhile, false);
        }

        // Holding the key's lock, no other builder of this key is running: a temp folder of this key is what a killed
        // build left behind, and goes.
        foreach (string stale in Directory.EnumerateDirectories(Root, $".{key}.*.tmp"))
        {
            Directory.Delete(stale, recursive: true);
        }

        string final = EntryDirectory(key);
        string temp = Path.Combine(Root, $".{key}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        Directory.CreateDirectory(temp);
        try
        {
            IReadOnlyDictionary<string, string> info = build(Path.Combine(temp, WeightsFile));
            if (!File.Exists(Path.Combine(temp, WeightsFile)))
            {
                throw new InvalidOperationException($"The {PretrainingStrategies.Name(strategy)} build for cache key '{key}' returned without writing {WeightsFile}.");
            }

            var manifest = new PretrainingManifest(key, PretrainingStrategies.Name(strategy), scope, WeightsFile,
                DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture), info);
            File.WriteAllText(Path.Combine(temp, ManifestFile), JsonSerializer.Serialize(manifest, Json));
            if (Directory.Exists(final))
            {
                // Only a builder that ignores the lock (an older mlseg) can have finished first; an incomplete folder
                // without a manifest is removed.
                if (TryGet(key) is { } raced)
                {
                    return (raced, false);
                }

                Directory.Delete(final, recursive: true);
            }

            Directory.Move(temp, final);
            return (manifest, true);
        }
        finally
        {
            if (Directory.Exists(temp))
            {
                Directory.Delete(temp, recursive: true);
            }
        }
    }

    private static string CheckKey(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        if (!key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw new ArgumentException($"Cache key '{key}' may contain only ASCII letters, digits, '-' and '_'.", nameof(key));
        }

        return key;
    }
}
