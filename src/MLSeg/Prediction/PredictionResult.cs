namespace MLSeg.Prediction;

/// <summary>One image predicted and written.</summary>
/// <param name="Input">The source image.</param>
/// <param name="MaskPath">The mask file written (full path).</param>
/// <param name="ForegroundPixels">Pixels with a label ≥ 1 in the mask.</param>
public sealed record PredictedImage(PredictionInput Input, string MaskPath, long ForegroundPixels);

/// <summary>One image that could not be predicted or written; the others still were.</summary>
/// <param name="Input">The source image.</param>
/// <param name="Error">What failed, naming the file.</param>
public sealed record PredictionFailure(PredictionInput Input, string Error);

/// <summary>What <see cref="PredictionRunner.Run"/> did.</summary>
/// <param name="Engine">The engine that ran the model (<c>libtorch</c>, <c>onnxruntime</c>).</param>
/// <param name="Format">The mask format written.</param>
/// <param name="Images">Images predicted, in input order.</param>
/// <param name="Failures">Images that failed, in input order.</param>
/// <param name="MeasuresPath">The <c>measures.csv</c> written, or null when not requested.</param>
public sealed record PredictionResult(string Engine, MaskFormat Format, IReadOnlyList<PredictedImage> Images, IReadOnlyList<PredictionFailure> Failures, string? MeasuresPath);
