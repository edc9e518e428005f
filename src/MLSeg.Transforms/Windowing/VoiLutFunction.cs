namespace MLSeg.Transforms.Windowing;

/// <summary>VOI LUT Function (0028,1056) values, PS3.3 C.11.2.1.2–C.11.2.1.3.</summary>
public enum VoiLutFunction
{
    /// <summary>LINEAR (the default): the c − 0.5 / w − 1 rule of C.11.2.1.2.1; width must be ≥ 1.</summary>
    Linear,

    /// <summary>LINEAR_EXACT (C.11.2.1.3.2): exact c ± w/2 edges; width must be &gt; 0.</summary>
    LinearExact,

    /// <summary>SIGMOID (C.11.2.1.3.1): y = (ymax − ymin) / (1 + exp(−4 (x − c) / w)) + ymin; width must be &gt; 0.</summary>
    Sigmoid,
}
