namespace MLSeg.Core.Caching;

/// <summary>Counters of a <see cref="ContentHashCache"/> since it was created.</summary>
/// <param name="MemoryHits">Lookups answered from memory.</param>
/// <param name="DiskHits">Lookups answered by reading a spill file (the value is then held in memory again).</param>
/// <param name="Computes">Lookups that ran the compute function (decode + preprocess).</param>
/// <param name="Evictions">Entries dropped from memory to stay within the byte budget.</param>
/// <param name="SpillWrites">Spill files written.</param>
/// <param name="CorruptSpillFiles">Spill files found damaged (truncated, wrong header or payload hash); each was recomputed and overwritten.</param>
public readonly record struct CacheStatistics(long MemoryHits, long DiskHits, long Computes, long Evictions, long SpillWrites, long CorruptSpillFiles);
