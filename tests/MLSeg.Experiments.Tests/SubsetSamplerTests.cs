using MLSeg.Core.Randomness;
using MLSeg.Experiments.Splits;

namespace MLSeg.Experiments.Tests;

public class SubsetSamplerTests
{
    // 10 volunteers × 5 frames; frames 0 and 2 are ED and ES.
    private static readonly TrainingCase[] Cases = [.. Enumerable.Range(0, 10).SelectMany(p => Enumerable.Range(0, 5).Select(f =>
        new TrainingCase($"V{p:00}", $"V{p:00}/f{f}", f switch { 0 => "ED", 2 => "es", _ => "" })))];

    [Fact]
    public void Random_IncreasingN_IsNestedAndDeterministic()
    {
        var seed = new SeedSource(4);
        IReadOnlyList<TrainingCase> prev = [];
        foreach (int n in new[] { 5, 10, 25, 50 })
        {
            IReadOnlyList<TrainingCase> cur = SubsetSampler.Random(Cases, n, 1, seed);
            Assert.Equal(n, cur.Count);
            Assert.Subset(cur.ToHashSet(), prev.ToHashSet());
            prev = cur;
        }

        Assert.Equal(SubsetSampler.Random(Cases, 10, 1, seed), SubsetSampler.Random(Cases.Reverse().ToArray(), 10, 1, seed));
        Assert.NotEqual(SubsetSampler.Random(Cases, 10, 1, seed), SubsetSampler.Random(Cases, 10, 2, seed));
    }

    [Fact]
    public void Random_TooLarge_ThrowsNamingFoldAndSizes()
    {
        var ex = Assert.Throws<SplitException>(() => SubsetSampler.Random(Cases, 51, 3, new SeedSource(0)));
        Assert.Contains("Fold 3", ex.Message, StringComparison.Ordinal);
        Assert.Contains("n = 51", ex.Message, StringComparison.Ordinal);
        Assert.Contains("50 images of 10 patients", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EndDiastoleSystole_KeepsOnlyEdEsFrames()
    {
        IReadOnlyList<TrainingCase> esed = SubsetSampler.EndDiastoleSystole(Cases, 0);
        Assert.Equal(20, esed.Count);
        Assert.All(esed, c => Assert.True(c.CaseId.EndsWith("f0", StringComparison.Ordinal) || c.CaseId.EndsWith("f2", StringComparison.Ordinal)));
    }

    [Fact]
    public void Volunteers_TakesWholePatients_Nested()
    {
        var seed = new SeedSource(8);
        IReadOnlyList<TrainingCase> two = SubsetSampler.Volunteers(Cases, 2, 0, seed);
        IReadOnlyList<TrainingCase> four = SubsetSampler.Volunteers(Cases, 4, 0, seed);
        Assert.Equal(10, two.Count);
        Assert.Equal(2, two.Select(c => c.PatientId).Distinct().Count());
        Assert.Subset(four.ToHashSet(), two.ToHashSet());
    }

    [Fact]
    public void Matched_CountEqualsStructuredSubset()
    {
        int count = SubsetSampler.EndDiastoleSystole(Cases, 0).Count;
        Assert.Equal(count, SubsetSampler.Matched(Cases, count, 0, new SeedSource(1)).Count);
    }

    [Fact]
    public void InnerValidation_SplitsByPatient()
    {
        var (train, val) = SubsetSampler.InnerValidation(Cases, 0.2, 0, new SeedSource(2));
        Assert.Equal(2, val.Select(c => c.PatientId).Distinct().Count());
        Assert.Empty(train.Select(c => c.PatientId).Intersect(val.Select(c => c.PatientId)));
        Assert.Equal(Cases.Length, train.Count + val.Count);
    }
}
