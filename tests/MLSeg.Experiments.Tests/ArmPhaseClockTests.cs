using System.Diagnostics;
using MLSeg.Experiments.Running;
using MLSeg.Experiments.Specs;
using MLSeg.Training.FineTuning;

namespace MLSeg.Experiments.Tests;

/// <summary>The per-arm <c>phaseSeconds</c> split, from trainer events at given times.</summary>
public class ArmPhaseClockTests
{
    private static TrainingProgress P(string phase) => new(phase, 1, 1, 1, 1, 0.5, null, false);

    [Fact]
    public void Finish_PretrainingThenFineTuning_SplitsAtTheEvents()
    {
        var clock = new ArmPhaseClock(new Stopwatch());
        clock.Observe(P("autoencoder"), TimeSpan.FromSeconds(0.5));
        clock.Observe(P("autoencoder"), TimeSpan.FromSeconds(3.0));
        clock.Observe(P("train"), TimeSpan.FromSeconds(3.25));
        clock.Observe(P("train"), TimeSpan.FromSeconds(9.0));
        var phases = clock.Finish(TimeSpan.FromSeconds(10.5));
        Assert.Equal("{\"pretraining\":2.5,\"untilFirstStep\":3.25,\"training\":5.75,\"afterTraining\":1.5,\"total\":10.5}", phases.ToJsonString());
    }

    [Fact]
    public void Finish_NoPretrainingFrozenThenUnfrozen_OneTrainingSpan()
    {
        var clock = new ArmPhaseClock(new Stopwatch());
        clock.Observe(P("frozen"), TimeSpan.FromSeconds(1));
        clock.Observe(P("unfrozen"), TimeSpan.FromSeconds(4));
        Assert.Equal("{\"untilFirstStep\":1,\"training\":3,\"afterTraining\":1,\"total\":5}", clock.Finish(TimeSpan.FromSeconds(5)).ToJsonString());
    }

    [Fact]
    public void FineTunePhases_AreTheNamesSpecMappingGives()
    {
        var single = new FinetuneSpec(4, null, 1e-3, 2, null, null, null, null, null, null);
        var twoPhase = single with { Frozen = new PhaseSpec(2, 1e-3), Unfrozen = new PhaseSpec(2, 1e-4) };
        var names = SpecMapping.Phases(single, 8).Concat(SpecMapping.Phases(twoPhase, 8)).Select(p => p.Name).ToList();
        Assert.Equal(["train", "frozen", "unfrozen"], names);
        Assert.All(names, n => Assert.Contains(n, ArmPhaseClock.FineTunePhases));
    }
}
