using MLSeg.Models.Engine;
using MLSeg.Models.Layers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLSeg.Models.Contracts;

/// <summary>
/// An encoder–decoder that maps (N, C, H, W) images to (N, K, H, W) class logits. The encoder is registered under the
/// submodule name <c>encoder</c>, the decoder under <c>decoder</c> and the 1×1 classifier under <c>head</c>, so state
/// dicts of all families share those prefixes, and freezing "the encoder" means exactly the <c>encoder.*</c> parameters.
/// </summary>
public abstract class SegmentationNetwork : nn.Module<Tensor, Tensor>
{
    /// <summary>Creates the network; <paramref name="name"/> is TorchSharp's module name.</summary>
    protected SegmentationNetwork(string name) : base(name)
    {
    }

    /// <summary>The encoder (child <c>encoder</c>), which pretraining strategies produce and transfer.</summary>
    public abstract Encoder Encoder { get; }

    /// <summary>Output classes K, background included.</summary>
    public abstract long NumClasses { get; }

    /// <summary>The encoder's parameters (for discriminative learning rates and freezing).</summary>
    public IEnumerable<Parameter> EncoderParameters() => Encoder.parameters();

    /// <summary>Every parameter that is not the encoder's (decoder and head).</summary>
    public IEnumerable<Parameter> DecoderParameters()
    {
        var encoder = new HashSet<Parameter>(Encoder.parameters(), ReferenceEqualityComparer.Instance);
        return parameters().Where(p => !encoder.Contains(p));
    }

    /// <summary>Replaces the head with a freshly initialised one for <paramref name="numClasses"/> classes (PyTorch's <c>model.head = new_head</c>).</summary>
    public abstract void ResetHead(long numClasses, Generator? generator = null);

    /// <summary>Puts <paramref name="replacement"/> in place of the child <paramref name="name"/> (same name and position) and disposes the old child.</summary>
    protected void ReplaceChild(string name, nn.Module replacement)
    {
        ArgumentNullException.ThrowIfNull(replacement);
        if (!_internal_submodules.TryGetValue(name, out nn.Module? old))
        {
            throw new ArgumentException($"{GetType().Name} has no child '{name}' to replace.", nameof(name));
        }

        _internal_submodules[name] = replacement;
        old.Dispose();
    }
}
