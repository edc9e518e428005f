namespace MLSeg.Evaluation.Statistics;

/// <summary>Ranks with ties averaged (1-based), and the sizes of the tie groups.</summary>
public static class Ranking
{
    /// <summary>Average ranks of <paramref name="values"/>; <paramref name="tieSizes"/> receives each group of size ≥ 2.</summary>
    public static double[] AverageRanks(ReadOnlySpan<double> values, out List<int> tieSizes)
    {
        int n = values.Length;
        int[] order = Enumerable.Range(0, n).ToArray();
        double[] keys = values.ToArray();
        Array.Sort(keys, order);
        var ranks = new double[n];
        tieSizes = [];
        int i = 0;
        while (i < n)
        {
            int j = i;
            while (j + 1 < n && keys[j + 1] == keys[i])
            {
                j++;
            }

            double average = ((i + j) / 2.0) + 1.0;
            for (int k = i; k <= j; k++)
            {
                ranks[order[k]] = average;
            }

            if (j > i)
            {
                tieSizes.Add(j - i + 1);
            }

            i = j + 1;
        }

        return ranks;
    }
}
