using MLSeg.Torch;
using MLSeg.Torch.NN;

namespace MLSeg.Models.Contracts;

/// <summary>
/// An encoder–decoder that maps (N, C, H, W) images to (N, K, H, W) class logits. The encoder is registered under the
/// submodule name <c>encoder</c>, the decoder under <c>decoder</c> and the 1×1 classifier under <c>head</c>, so state
/// dicts of all families share those prefixes, and freezing "the encoder" means exactly the <c>encoder.*</c> parameters.
/// </summary>
public abstract class SegmentationNetwork : Module<Tensor, Tensor>
{
    /// <summary>The transferable feature extractor (submodule <c>encoder</c>).</summary>
    public abstract Encoder Encoder { get; }

    /// <summary>Number of output classes K (background included).</summary>
    public abstract long NumClasses { get; }

    /// <summary>Parameters of the encoder (frozen in a frozen-encoder phase; given their own learning rate otherwise).</summary>
    public IEnumerable<Tensor> EncoderParameters() => Encoder.Parameters();

    /// <summary>Parameters outside the encoder (decoder and head).</summary>
    public IEnumerable<Tensor> DecoderParameters()
    {
        var encoder = new HashSet<Tensor>(Encoder.Parameters(), ReferenceEqualityComparer.Instance);
        return Parameters().Where(p => !encoder.Contains(p));
    }

    /// <summary>
    /// Replaces the classifier (<c>head</c>) with a freshly initialised one for <paramref name="numClasses"/> classes —
    /// used when a network pretrained on another label set (natural-image segmentation, 1.5/3T cardiac) is fine-tuned.
    /// </summary>
    public abstract void ResetHead(long numClasses, Generator? generator = null);
}
