namespace MLSeg.Training.Pretraining;

/// <summary>
/// A set of permutations of the 9 jigsaw tiles chosen for maximal Hamming distance, greedily over all 9! = 362,880
/// permutations: start from a seeded random permutation, then repeatedly add the permutation whose minimum Hamming
/// distance to the set is largest (ties broken uniformly at random with the same seed). Each step updates every
/// candidate's running minimum in one span loop, so 100 permutations take well under a second.
/// </summary>
public sealed class JigsawPermutationSet
{
    /// <summary>Number of tiles of a 3×3 puzzle.</summary>
    public const int Tiles = 9;

    /// <summary>9! — the number of permutations of the tiles.</summary>
    public const int AllPermutationsCount = 362_880;

    private static readonly Lazy<byte[]> All = new(EnumerateAll);

    private readonly byte[][] permutations;

    private JigsawPermutationSet(byte[][] permutations, int minimumDistance)
    {
        this.permutations = permutations;
        MinimumDistance = minimumDistance;
    }

    /// <summary>Number of permutations.</summary>
    public int Count => permutations.Length;

    /// <summary>
    /// The smallest Hamming distance between two members, as tracked during selection (9 for a set of one).
    /// </summary>
    public int MinimumDistance { get; }

    /// <summary>Permutation <paramref name="index"/>: element j is the source cell (row-major 0..8) placed at puzzle position j.</summary>
    public ReadOnlySpan<byte> this[int index] => permutations[index];

    /// <summary>
    /// The minimum distance the greedy selection is guaranteed to reach for <paramref name="count"/> permutations:
    /// the largest d with (count − 1)·|B(d − 1)| &lt; 9!, where |B(r)| = Σ_{k≤r} C(9, k)·D_k counts permutations within
    /// Hamming distance r of a given one (D_k: derangements of k). While fewer than count members are chosen, their
    /// radius-(d−1) balls cannot cover all 9! permutations, so some candidate is at distance ≥ d from all of them and
    /// the greedy maximum is at least d (a Gilbert–Varshamov argument). For 100 permutations this gives 5.
    /// </summary>
    public static int GuaranteedMinimumDistance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, AllPermutationsCount);
        long[] derangements = new long[Tiles + 1];
        derangements[0] = 1;
        derangements[1] = 0;
        for (int k = 2; k <= Tiles; k++)
        {
            derangements[k] = (k - 1) * (derangements[k - 1] + derangements[k - 2]);
        }

        int best = count == 1 ? Tiles : 1;
        long ball = 0;
        for (int d = 1; d <= Tiles; d++)
        {
            ball += Binomial(Tiles, d - 1) * derangements[d - 1];
            if ((count - 1) * ball < AllPermutationsCount)
            {
                best = d;
            }
        }

        return best;
    }

    /// <summary>Selects <paramref name="count"/> permutations (2 ≤ count ≤ 9!) with the seed <paramref name="seed"/>.</summary>
    public static JigsawPermutationSet Generate(int count, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, AllPermutationsCount);
        byte[] all = All.Value;
        var rng = new Random(seed);
        var minDist = new byte[AllPermutationsCount];
        minDist.AsSpan().Fill(byte.MaxValue);
        var chosen = new byte[count][];
        int pick = rng.Next(AllPermutationsCount);
        int setMinimum = Tiles;
        for (int m = 0; m < count; m++)
        {
            if (m > 0)
            {
                pick = -1;
                int bestDistance = -1;
                int ties = 0;
                for (int i = 0; i < minDist.Length; i++)
                {
                    int d = minDist[i];
                    if (d > bestDistance)
                    {
                        bestDistance = d;
                        pick = i;
                        ties = 1;
                    }
                    else if (d == bestDistance && rng.Next(++ties) == 0)
                    {
                        pick = i;
                    }
                }

                setMinimum = Math.Min(setMinimum, bestDistance);
            }

            ReadOnlySpan<byte> p = all.AsSpan(pick * Tiles, Tiles);
            chosen[m] = p.ToArray();
            for (int i = 0; i < minDist.Length; i++)
            {
                ReadOnlySpan<byte> q = all.AsSpan(i * Tiles, Tiles);
                byte d = 0;
                for (int k = 0; k < Tiles; k++)
                {
                    d += q[k] != p[k] ? (byte)1 : (byte)0;
                }

                if (d < minDist[i])
                {
                    minDist[i] = d;
                }
            }
        }

        return new JigsawPermutationSet(chosen, setMinimum);
    }

    /// <summary>Hamming distance between two permutations of the tiles.</summary>
    public static int HammingDistance(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        if (a.Length != b.Length)
        {
            throw new ArgumentException($"Permutations of different lengths ({a.Length}, {b.Length}).", nameof(b));
        }

        int d = 0;
        for (int k = 0; k < a.Length; k++)
        {
            d += a[k] != b[k] ? 1 : 0;
        }

        return d;
    }

    private static long Binomial(int n, int k)
    {
        long r = 1;
        for (int i = 1; i <= k; i++)
        {
            r = r * (n - k + i) / i;
        }

        return r;
    }

    // All 9! permutations in lexicographic order, 9 bytes each.
    private static byte[] EnumerateAll()
    {
        var result = new byte[AllPermutationsCount * Tiles];
        Span<byte> p = stackalloc byte[Tiles];
        for (int k = 0; k < Tiles; k++)
        {
            p[k] = (byte)k;
        }

        for (int n = 0; n < AllPermutationsCount; n++)
        {
            p.CopyTo(result.AsSpan(n * Tiles, Tiles));
            int i = Tiles - 2;
            while (i >= 0 && p[i] >= p[i + 1])
            {
                i--;
            }

            if (i < 0)
            {
                break;
            }

            int j = Tiles - 1;
            while (p[j] <= p[i])
            {
                j--;
            }

            (p[i], p[j]) = (p[j], p[i]);
            p[(i + 1)..].Reverse();
        }

        return result;
    }
}
