namespace MLSeg.Experiments.Specs;

/// <summary>Edit distance, for "did you mean" suggestions on unknown keys and names.</summary>
internal static class Levenshtein
{
    public static int Distance(string a, string b)
    {
        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            prev[j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }

            (prev, cur) = (cur, prev);
        }

        return prev[b.Length];
    }

    /// <summary>The closest candidate within distance max(2, len/3), or null.</summary>
    public static string? Suggest(string word, IEnumerable<string> candidates)
    {
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (string c in candidates)
        {
            int d = Distance(word, c);
            if (d < bestDistance)
            {
                bestDistance = d;
                best = c;
            }
        }

        return best is not null && bestDistance <= Math.Max(2, word.Length / 3) ? best : null;
    }
}
