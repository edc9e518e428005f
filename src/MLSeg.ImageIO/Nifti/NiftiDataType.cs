namespace MLSeg.ImageIO.Nifti;

/// <summary>NIfTI datatype codes (nifti1.h DT_*) that MLSeg reads; the value is the on-disk code.</summary>
public enum NiftiDataType
{
    /// <summary>DT_UINT8, unsigned 8-bit.</summary>
    UInt8 = 2,

    /// <summary>DT_INT16, signed 16-bit.</summary>
    Int16 = 4,

    /// <summary>DT_INT32, signed 32-bit.</summary>
    Int32 = 8,

    /// <summary>DT_FLOAT32, IEEE single.</summary>
    Float32 = 16,

    /// <summary>DT_FLOAT64, IEEE double.</summary>
    Float64 = 64,

    /// <summary>DT_INT8, signed 8-bit.</summary>
    Int8 = 256,

    /// <summary>DT_UINT16, unsigned 16-bit.</summary>
    UInt16 = 512,

    /// <summary>DT_UINT32, unsigned 32-bit.</summary>
    UInt32 = 768,
}
