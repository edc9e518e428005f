using MLSeg.Core.Errors;

namespace MLSeg.Experiments.Splits;

/// <summary>
/// Folds or subsets that cannot be built or do not fit the cohort: a saved split that disagrees with the cohort's
/// patients, a patient in both train and validation, a subset larger than the fold's training set.
/// </summary>
public sealed class SplitException : MLSegException
{
    /// <inheritdoc />
    public SplitException(string message) : base(message) { }

    /// <inheritdoc />
    public SplitException(string message, Exception innerException) : base(message, innerException) { }

    /// <inheritdoc />
    public SplitException() { }
}
