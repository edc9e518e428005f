namespace MLSeg.Experiments.Running;

/// <summary>The kind of a <see cref="RunProgress"/> event.</summary>
public enum RunProgressKind
{
    /// <summary>A run-level note (preparing the cohort).</summary>
    Note,

    /// <summary>An arm was found finished by an earlier run and skipped.</summary>
    ArmSkipped,

    /// <summary>An arm started.</summary>
    ArmStarted,

    /// <summary>A trainer event of a running arm (pretraining or fine-tuning step or epoch).</summary>
    Training,

    /// <summary>An arm finished and was marked done.</summary>
    ArmFinished,

    /// <summary>An arm threw; it is not marked done and a re-run restarts it.</summary>
    ArmFailed,
}
