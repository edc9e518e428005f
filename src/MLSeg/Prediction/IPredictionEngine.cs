using MLSeg.Core.Imaging;

namespace MLSeg.Prediction;

/// <summary>Runs a network on an already preprocessed image and returns the per-pixel argmax on the same grid.</summary>
internal interface IPredictionEngine : IDisposable
{
    /// <summary>The engine's name (<c>libtorch</c>, <c>onnxruntime</c>).</summary>
    string Name { get; }

    /// <summary>Channels the network takes.</summary>
    int InChannels { get; }

    /// <summary>Output classes (argmax channels).</summary>
    int NumClasses { get; }

    /// <summary>The model's metadata entries.</summary>
    IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>The argmax label map of <paramref name="input"/> (normalised, at the model's size).</summary>
    LabelMap Run(Image2D input);
}
