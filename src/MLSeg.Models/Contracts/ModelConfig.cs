namespace MLSeg.Models.Contracts;

/// <summary>Network families MLSeg builds.</summary>
public enum Architecture
{
    /// <summary>A plain U-Net (Ronneberger et al. 2015) with configurable depth and width.</summary>
    UNet,
    /// <summary>A U-Net whose encoder is a torchvision-compatible ResNet-18.</summary>
    ResNet18UNet,
    /// <summary>A U-Net whose encoder is a torchvision-compatible ResNet-34.</summary>
    ResNet34UNet,
}

/// <summary>Normalisation layers.</summary>
public enum NormKind
{
    /// <summary>BatchNorm2d.</summary>
    Batch,
    /// <summary>GroupNorm (stable at the small batches of small-n fine-tuning).</summary>
    Group,
}

/// <summary>Decoder upsampling.</summary>
public enum UpsamplingKind
{
    /// <summary>2×2 transposed convolution, stride 2.</summary>
    Transpose,
    /// <summary>Bilinear ×2 followed by a convolution.</summary>
    Bilinear,
}

/// <summary>How a network made for 3-channel (RGB) input takes 1-channel medical images.</summary>
public enum InputAdaptation
{
    /// <summary>The first convolution's RGB weights are summed into one input channel.</summary>
    SumFirstConv,
    /// <summary>The first convolution's RGB weights are averaged into one input channel.</summary>
    AverageFirstConv,
    /// <summary>The image is repeated to 3 channels before the network.</summary>
    RepeatToRgb,
}

/// <summary>Everything needed to build a network; every arm of an experiment records it.</summary>
public sealed record ModelConfig
{
    /// <summary>The family.</summary>
    public Architecture Architecture { get; init; } = Architecture.UNet;

    /// <summary>Image channels fed to the network (1 for CT/MR, 3 for natural images).</summary>
    public long InChannels { get; init; } = 1;

    /// <summary>Output classes K, background included.</summary>
    public long NumClasses { get; init; } = 2;

    /// <summary>Number of downsampling stages of the plain U-Net (ResNet encoders have 5 stages, fixed).</summary>
    public int Depth { get; init; } = 4;

    /// <summary>Channels of the plain U-Net's first stage (doubling per stage).</summary>
    public long BaseChannels { get; init; } = 32;

    /// <summary>Normalisation layers.</summary>
    public NormKind Norm { get; init; } = NormKind.Batch;

    /// <summary>Groups of GroupNorm (when <see cref="Norm"/> is Group).</summary>
    public long NormGroups { get; init; } = 8;

    /// <summary>Decoder upsampling.</summary>
    public UpsamplingKind Upsampling { get; init; } = UpsamplingKind.Transpose;

    /// <summary>How RGB-pretrained first convolutions take 1-channel input.</summary>
    public InputAdaptation InputAdaptation { get; init; } = InputAdaptation.AverageFirstConv;

    /// <summary>
    /// Name of a user-defined encoder registered with <see cref="EncoderRegistry"/>: the network is then MLSeg's U-Net
    /// decoder (<see cref="Norm"/>, <see cref="NormGroups"/>, <see cref="Upsampling"/>) around it, and
    /// <see cref="Architecture"/> must be <see cref="Architecture.UNet"/> (<see cref="Depth"/> and
    /// <see cref="BaseChannels"/> are the encoder builder's to use or ignore). Null: the architecture's own encoder.
    /// </summary>
    public string? Encoder { get; init; }
}
