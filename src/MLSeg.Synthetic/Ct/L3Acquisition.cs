namespace MLSeg.Synthetic.Ct;

/// <summary>Contrast phase of an abdominal CT.</summary>
public enum ContrastPhase
{
    /// <summary>No intravenous contrast: organs, bowel wall and vessels sit near muscle attenuation.</summary>
    Unenhanced,

    /// <summary>Late arterial (~35 s): bright aorta, cortical kidney enhancement, enhancing bowel wall.</summary>
    Arterial,

    /// <summary>Portal venous (~70 s): liver, kidneys, veins and bowel wall enhanced.</summary>
    PortalVenous,
}

/// <summary>Reconstruction kernel: trades sharpness against noise.</summary>
public enum ReconstructionKernel
{
    /// <summary>Smooth soft-tissue kernel: more blur, low, coarse-grained noise.</summary>
    Soft,

    /// <summary>Standard body kernel.</summary>
    Standard,

    /// <summary>Sharp (bone/detail) kernel: little blur, high, fine-grained noise.</summary>
    Sharp,
}

/// <summary>How one patient's L3 slice was acquired and reconstructed.</summary>
/// <param name="FieldOfViewMm">Reconstruction field of view (mm); pixel spacing is this over the matrix size.</param>
/// <param name="IsTruncated">The field of view is narrower than the body, so its sides are cut off.</param>
/// <param name="Phase">Intravenous contrast phase.</param>
/// <param name="OralContrast">Positive oral contrast fills the bowel lumen (150–450 HU).</param>
/// <param name="Kernel">Reconstruction kernel.</param>
/// <param name="NoiseSigmaHu">Standard deviation of the image noise in HU (after the kernel's correlation).</param>
/// <param name="HuOffset">Calibration offset added to every tissue (HU).</param>
public sealed record L3Acquisition(
    double FieldOfViewMm,
    bool IsTruncated,
    ContrastPhase Phase,
    bool OralContrast,
    ReconstructionKernel Kernel,
    double NoiseSigmaHu,
    double HuOffset)
{
    /// <summary>In-plane point spread (mm, Gaussian σ) of <see cref="Kernel"/>.</summary>
    public double BlurMm => Kernel switch
    {
        ReconstructionKernel.Soft => 1.1,
        ReconstructionKernel.Standard => 0.7,
        _ => 0.35,
    };

    /// <summary>Correlation length (mm, Gaussian σ) of the noise under <see cref="Kernel"/>; 0 = white.</summary>
    public double NoiseCorrelationMm => Kernel switch
    {
        ReconstructionKernel.Soft => 1.2,
        ReconstructionKernel.Standard => 0.6,
        _ => 0,
    };
}
