namespace MLSeg.Training.FineTuning;

/// <summary>Memory layout of the input batches and 4-D weights during fine-tuning.</summary>
public enum MemoryFormat
{
    /// <summary>NCHW strides (libtorch's default).</summary>
    Contiguous,

    /// <summary>
    /// NHWC strides for the inputs and every 4-D parameter (<see cref="Models.Engine.ChannelsLast"/>), the layout cuDNN and
    /// oneDNN convolve fastest, especially in reduced precision. Values are the same as with <see cref="Contiguous"/>.
    /// </summary>
    ChannelsLast,
}
