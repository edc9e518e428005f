using MLSeg.Training.Pretraining;

namespace MLSeg.Training.Tests;

public class JigsawPermutationSetTests
{
    // Hand-computed: |B(r)| = Σ_{k≤r} C(9,k)·D_k = 1, 1, 37, 205, 1339, 6883, 29143 for r = 0..6; the bound is the largest d
    // with (count − 1)·|B(d − 1)| < 362880.
    public static TheoryData<int, int> Bounds => new()
    {
        { 2, 9 },      // 1·|B(8)| = 133496 < 362880
        { 13, 7 },     // 12·29143 = 349716 < 362880; 12·|B(7)| = 12·(29143 + 36·1854 = 95887) is not
        { 14, 6 },     // 13·29143 = 378859 ≥ 362880
        { 53, 6 },     // 52·6883 = 357916
        { 54, 5 },     // 53·6883 = 364799
        { 100, 5 },
        { 272, 5 },    // 271·1339 = 362869
        { 273, 4 },
    };

    [Theory]
    [MemberData(nameof(Bounds))]
    public void GuaranteedMinimumDistance_HandComputedTable(int count, int expected) =>
        Assert.Equal(expected, JigsawPermutationSet.GuaranteedMinimumDistance(count));

    [Theory]
    [InlineData(100, 1)]
    [InlineData(30, 2)]
    public void Generate_BruteForceRecount_MatchesReportedAndMeetsGuarantee(int count, int seed)
    {
        var set = JigsawPermutationSet.Generate(count, seed);
        Assert.Equal(count, set.Count);
        int min = int.MaxValue;
        var seen = new HashSet<string>();
        for (int i = 0; i < set.Count; i++)
        {
            byte[] p = set[i].ToArray();
            Assert.Equal(Enumerable.Range(0, 9).Select(v => (byte)v), p.Order());
            Assert.True(seen.Add(Convert.ToHexString(p)), $"permutation {i} is a duplicate");
            for (int j = 0; j < i; j++)
            {
                min = Math.Min(min, JigsawPermutationSet.HammingDistance(set[i], set[j]));
            }
        }

        Assert.Equal(min, set.MinimumDistance);
        Assert.True(min >= JigsawPermutationSet.GuaranteedMinimumDistance(count), $"minimum distance {min}");
    }

    [Fact]
    public void Generate_SameSeed_SameSet()
    {
        var a = JigsawPermutationSet.Generate(10, 5);
        var b = JigsawPermutationSet.Generate(10, 5);
        Assert.All(Enumerable.Range(0, 10), i => Assert.True(a[i].SequenceEqual(b[i])));
    }
}
