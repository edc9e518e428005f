namespace MLSeg.Core.Pipeline;

/// <summary>ML.NET-style <c>a.Append(b)</c> on any estimator.</summary>
public static class EstimatorExtensions
{
    /// <summary>A chain of <paramref name="first"/> then <paramref name="next"/>.</summary>
    public static EstimatorChain Append(this IEstimator<ITransformer> first, IEstimator<ITransformer> next)
    {
        ArgumentNullException.ThrowIfNull(first);
        return first is EstimatorChain chain ? chain.Append(next) : new EstimatorChain().Append(first).Append(next);
    }
}
