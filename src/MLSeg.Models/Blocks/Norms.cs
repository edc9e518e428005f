using MLSeg.Models.Contracts;
using MLSeg.Models.Engine;
using MLSeg.Models.Layers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLSeg.Models.Blocks;

/// <summary>Creates the configured normalisation layer and checks GroupNorm's divisibility up front.</summary>
internal static class Norms
{
    /// <summary>BatchNorm2dLayer(channels) or GroupNorm(groups, channels).</summary>
    public static nn.Module<Tensor, Tensor> Create(NormKind kind, long channels, long groups) => kind switch
    {
        NormKind.Batch => new BatchNorm2dLayer(channels),
        NormKind.Group => new GroupNormLayer(groups, channels),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Expected NormKind.Batch or NormKind.Group."),
    };

    /// <summary>Throws when GroupNorm is chosen and <paramref name="groups"/> does not divide every channel count a network uses.</summary>
    /// <param name="kind">The norm.</param>
    /// <param name="groups">ModelConfig.NormGroups.</param>
    /// <param name="channels">Every channel count a normalisation layer will see.</param>
    /// <param name="network">The network's name, for the message.</param>
    public static void Validate(NormKind kind, long groups, IEnumerable<long> channels, string network)
    {
        if (!Enum.IsDefined(kind))
        {
            throw new ArgumentOutOfRangeException("Norm", kind, "Expected NormKind.Batch or NormKind.Group.");
        }

        if (kind != NormKind.Group)
        {
            return;
        }

        if (groups < 1)
        {
            throw new ArgumentOutOfRangeException("NormGroups", groups, "NormGroups must be ≥ 1 for NormKind.Group.");
        }

        var bad = channels.Distinct().Where(c => c % groups != 0).Order().ToList();
        if (bad.Count > 0)
        {
            throw new ArgumentException(
                $"NormGroups = {groups} does not divide the channel counts {string.Join(", ", bad)} of {network}'s GroupNorm layers; " +
                "choose a NormGroups that divides every stage's channels (e.g. a divisor of BaseChannels).", "NormGroups");
        }
    }
}
