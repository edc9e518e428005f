using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using MLSeg.Core.Randomness;

namespace MLSeg.Pipeline;

/// <summary>
/// The seeds of one MLContext's MLSeg components: the root is the context's seed (an unseeded context is
/// nondeterministic by ML.NET's contract, so one root is drawn for it), and the <c>n</c>-th call for a component gets
/// <c>Root.Derive(component).Derive(n)</c> — no shared generator, so adding a call of one component does not shift
/// another's seeds. Keyed by the context's host environment, which all its catalogs share.
/// </summary>
internal sealed class ContextSeeds
{
    private static readonly ConditionalWeakTable<object, ContextSeeds> ByEnvironment = [];

    private readonly Dictionary<string, long> _calls = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    private ContextSeeds(int? seed) =>
        Root = new SeedSource(seed is { } s ? (ulong)(uint)s : BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(sizeof(ulong))));

    public SeedSource Root { get; }

    public static ContextSeeds Of(object environment) => ByEnvironment.GetValue(environment, static e => new ContextSeeds(MLNetInternals.SeedOf(e)));

    public SeedSource Next(string component)
    {
        ArgumentException.ThrowIfNullOrEmpty(component);
        long n;
        lock (_gate)
        {
            n = _calls.TryGetValue(component, out long c) ? c : 0;
            _calls[component] = n + 1;
        }

        return Root.Derive(component).Derive(n);
    }
}
