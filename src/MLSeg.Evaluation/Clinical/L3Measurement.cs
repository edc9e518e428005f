namespace MLSeg.Evaluation.Clinical;

/// <summary>Body-composition measures at the third lumbar vertebra from one CT slice and its muscle mask.</summary>
/// <param name="MuscleAreaCm2">Skeletal muscle area: mask pixels × pixel area.</param>
/// <param name="MeanAttenuationHu">Mean CT number over the mask (NaN when the mask is empty).</param>
/// <param name="ImatAreaCm2">Intermuscular adipose tissue: mask pixels with −190 ≤ HU ≤ −30.</param>
/// <param name="SkeletalMuscleIndexCm2PerM2">Muscle area / height², when the height is known.</param>
public readonly record struct L3Measurement(double MuscleAreaCm2, double MeanAttenuationHu, double ImatAreaCm2, double? SkeletalMuscleIndexCm2PerM2);
