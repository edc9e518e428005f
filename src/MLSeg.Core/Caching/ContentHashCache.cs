using System.Globalization;
using MLSeg.Core.Imaging;

namespace MLSeg.Core.Caching;

/// <summary>
/// A cache of preprocessed images and label maps keyed by <see cref="ContentKey"/> (source bytes + settings). It holds
/// recently used values in memory up to a byte budget (least recently used first out) and, with a spill directory,
/// writes every computed value to <c>&lt;root&gt;/&lt;first 2 hex&gt;/&lt;key&gt;.bin</c> (atomically, temp file + rename) the moment it is
/// computed, so a value evicted from memory — or wanted by a later run — is read back instead of recomputed. A spill
/// file that is truncated or fails its header or payload-hash check is recomputed and overwritten; a damaged file is
/// never returned. Thread-safe: concurrent lookups of one key run its compute function once and share the result.
/// Callers receive their own copy of each value, so mutating it cannot change what the cache holds.
/// </summary>
public sealed class ContentHashCache
{
    /// <summary>Environment variable that overrides the memory budget, in MiB (0 keeps nothing in memory).</summary>
    public const string BudgetVariable = "MLSEG_CACHE_MB";

    // Bookkeeping charged per in-memory entry on top of its samples (object headers, list node, key string).
    private const long EntryOverheadBytes = 256;

    private readonly object _gate = new();
    private readonly LinkedList<Entry> _lru = new();
    private readonly Dictionary<string, LinkedListNode<Entry>> _memory = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Lazy<object>> _inFlight = new(StringComparer.Ordinal);
    private long _bytes;
    private long _memoryHits, _diskHits, _computes, _evictions, _spillWrites, _corrupt;

    /// <summary>A cache spilling to <paramref name="spillDirectory"/> (null: memory only) that keeps at most <paramref name="memoryBudgetBytes"/> in memory.</summary>
    public ContentHashCache(string? spillDirectory, long memoryBudgetBytes = Defaults.MemoryBudgetBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(memoryBudgetBytes);
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("The preprocessed-image cache stores samples little-endian; this machine is big-endian.");
        }

        SpillDirectory = spillDirectory is null ? null : Path.GetFullPath(spillDirectory);
        MemoryBudgetBytes = memoryBudgetBytes;
    }

    /// <summary>Where values are spilled, or null for a memory-only cache.</summary>
    public string? SpillDirectory { get; }

    /// <summary>The most bytes of values (plus per-entry bookkeeping) held in memory at once.</summary>
    public long MemoryBudgetBytes { get; }

    /// <summary>Bytes charged for the values now in memory; never above <see cref="MemoryBudgetBytes"/>.</summary>
    public long BytesInMemory
    {
        get
        {
            lock (_gate)
            {
                return _bytes;
            }
        }
    }

    /// <summary>Number of values now in memory.</summary>
    public int EntriesInMemory
    {
        get
        {
            lock (_gate)
            {
                return _memory.Count;
            }
        }
    }

    /// <summary>Hit, compute, eviction and spill counters so far.</summary>
    public CacheStatistics Statistics => new(Interlocked.Read(ref _memoryHits), Interlocked.Read(ref _diskHits), Interlocked.Read(ref _computes),
        Interlocked.Read(ref _evictions), Interlocked.Read(ref _spillWrites), Interlocked.Read(ref _corrupt));

    /// <summary>
    /// A cache spilling to <paramref name="spillDirectory"/> with the budget from <see cref="BudgetVariable"/> when set,
    /// else <see cref="Defaults.MemoryBudgetBytes"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The variable is set but is not a whole number of MiB ≥ 0.</exception>
    public static ContentHashCache FromEnvironment(string? spillDirectory)
    {
        string? text = Environment.GetEnvironmentVariable(BudgetVariable);
        if (string.IsNullOrWhiteSpace(text))
        {
            return new ContentHashCache(spillDirectory);
        }

        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long mb) || mb > long.MaxValue / (1024 * 1024))
        {
            throw new ArgumentException($"{BudgetVariable}='{text}' is not a memory budget; expected a whole number of MiB ≥ 0 (e.g. {BudgetVariable}=512).");
        }

        return new ContentHashCache(spillDirectory, mb * 1024 * 1024);
    }

    /// <summary>The spill file of <paramref name="key"/> (whether or not it exists); throws when the cache has no spill directory.</summary>
    public string SpillPath(ContentKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        string root = SpillDirectory ?? throw new InvalidOperationException("This cache is memory-only; it has no spill files.");
        return Path.Combine(root, key.Hex[..2], key.Hex + ".bin");
    }

    /// <summary>The image cached under <paramref name="key"/>, or the result of <paramref name="compute"/> (then cached).</summary>
    public Image2D GetOrAddImage(ContentKey key, Func<Image2D> compute)
    {
        ArgumentNullException.ThrowIfNull(compute);
        return ((Image2D)GetShared(key, typeof(Image2D), compute)).Clone();
    }

    /// <summary>The label map cached under <paramref name="key"/>, or the result of <paramref name="compute"/> (then cached).</summary>
    public LabelMap GetOrAddLabels(ContentKey key, Func<LabelMap> compute)
    {
        ArgumentNullException.ThrowIfNull(compute);
        return ((LabelMap)GetShared(key, typeof(LabelMap), compute)).Clone();
    }

    /// <summary>Drops every value from memory (spill files stay); the next lookups read them back from disk.</summary>
    public void ClearMemory()
    {
        lock (_gate)
        {
            _lru.Clear();
            _memory.Clear();
            _bytes = 0;
        }
    }

    private object GetShared(ContentKey key, Type kind, Func<object> compute)
    {
        ArgumentNullException.ThrowIfNull(key);
        Lazy<object> pending;
        bool owner = false;
        lock (_gate)
        {
            if (_memory.TryGetValue(key.Hex, out LinkedListNode<Entry>? node))
            {
                RequireKind(key, node.Value.Value, kind);
                _lru.Remove(node);
                _lru.AddFirst(node);
                _memoryHits++;
                return node.Value.Value;
            }

            if (!_inFlight.TryGetValue(key.Hex, out pending!))
            {
                pending = new Lazy<object>(() => Produce(key, kind, compute), LazyThreadSafetyMode.ExecutionAndPublication);
                _inFlight.Add(key.Hex, pending);
                owner = true;
            }
        }

        try
        {
            object value = pending.Value;
            RequireKind(key, value, kind);
            return value;
        }
        finally
        {
            if (owner)
            {
                lock (_gate)
                {
                    _inFlight.Remove(key.Hex);
                }
            }
        }
    }

    // Runs once per key at a time (inside the in-flight Lazy): disk, else compute and spill; then admit to memory.
    private object Produce(ContentKey key, Type kind, Func<object> compute)
    {
        string? path = SpillDirectory is null ? null : SpillPath(key);
        if (path is not null)
        {
            object? stored = SpillFile.TryRead(path, key, kind, out bool damaged);
            if (stored is not null)
            {
                Interlocked.Increment(ref _diskHits);
                Admit(key, stored);
                return stored;
            }

            if (damaged)
            {
                Interlocked.Increment(ref _corrupt); // recomputed below and overwritten: a cache never trusts a bad file
            }
        }

        object computed = compute() ?? throw new InvalidOperationException($"The compute function for cache key {key.Hex} returned null.");
        Interlocked.Increment(ref _computes);
        RequireKind(key, computed, kind);
        object owned = computed is Image2D image ? image.Clone() : ((LabelMap)computed).Clone();
        if (path is not null)
        {
            SpillFile.Write(path, key, owned);
            Interlocked.Increment(ref _spillWrites);
        }

        Admit(key, owned);
        return owned;
    }

    private void Admit(ContentKey key, object value)
    {
        long size = EntryOverheadBytes + (value is Image2D image ? (long)image.Data.Length * sizeof(float) : ((LabelMap)value).Labels.Length);
        if (size > MemoryBudgetBytes)
        {
            return; // larger than the whole budget: served from disk (or recomputed) each time
        }

        lock (_gate)
        {
            if (_memory.ContainsKey(key.Hex))
            {
                return;
            }

            _memory.Add(key.Hex, _lru.AddFirst(new Entry(key.Hex, value, size)));
            _bytes += size;
            while (_bytes > MemoryBudgetBytes)
            {
                LinkedListNode<Entry> last = _lru.Last!;
                _lru.RemoveLast();
                _memory.Remove(last.Value.Key);
                _bytes -= last.Value.SizeBytes;
                _evictions++;
            }
        }
    }

    private static void RequireKind(ContentKey key, object value, Type kind)
    {
        if (value.GetType() != kind)
        {
            throw new ArgumentException(
                $"Cache key {key.Hex} holds a {value.GetType().Name} but a {kind.Name} was requested; the settings string of a key must name what it produces.");
        }
    }

    /// <summary>Default values.</summary>
    public static class Defaults
    {
        /// <summary>256 MiB: about a thousand 256×256 float images.</summary>
        public const long MemoryBudgetBytes = 256L * 1024 * 1024;
    }

    private sealed record Entry(string Key, object Value, long SizeBytes);
}
