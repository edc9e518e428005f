namespace MLSeg.Arms;

/// <summary>One step of an arm's chain as <c>mlseg plan --arm</c> prints it and the arm's manifest.json records it.</summary>
/// <param name="Kind">data, select, estimator (an ML.NET estimator fitted on the fit rows), weights, trainer, transform or evaluate.</param>
/// <param name="Component">The MLSeg / ML.NET component, as a user would call it (e.g. <c>ml.Transforms.NormalizeIntensity(image)</c>).</param>
/// <param name="Settings">Its key settings in order (column names, window, resize, weights, phases …).</param>
public sealed record ArmChainStep(string Kind, string Component, IReadOnlyList<KeyValuePair<string, string>> Settings);
