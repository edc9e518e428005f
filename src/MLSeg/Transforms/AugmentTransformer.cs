using System.Text.Json;
using System.Text.Json.Nodes;
using MLSeg.Core.Randomness;
using MLSeg.Persistence;
using MLSeg.Pipeline;
using MLSeg.Transforms.Augmentation;

namespace MLSeg.Transforms;

/// <summary>
/// Seeded spatial and intensity augmentation of an image and (unless null) its label map, moved together
/// (<see cref="Augmenter"/>: flips, rotation, scaling, elastic warp; gain, bias, gamma, noise on the image only). Row
/// <c>i</c> of a pass is augmented with the draw of <c>Seed.Derive(i)</c>, so every pass over the same view gives the
/// same rows (a view stays repeatable); fine-tuning's own augmentation (<c>FineTuneOptions</c>) draws afresh each epoch.
/// </summary>
public sealed class AugmentTransformer : RowMappingTransformer
{
    internal AugmentTransformer(AugmentationOptions options, SeedSource seed, string imageColumn, string? labelColumn)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(imageColumn);
        Options = options;
        Seed = seed;
        ImageColumn = imageColumn;
        LabelColumn = labelColumn;
        List<ColumnRequirement> requirements = [ColumnRequirement.Image(imageColumn)];
        if (labelColumn is not null)
        {
            ArgumentException.ThrowIfNullOrEmpty(labelColumn);
            requirements.Add(ColumnRequirement.LabelMap(labelColumn));
        }

        // Augmentation keeps each image's size, so the output columns keep the input's types.
        Contract = new ColumnContract(requirements, typeOf => labelColumn is null
            ? [new OutputColumn(imageColumn, typeOf(imageColumn))]
            : [new OutputColumn(imageColumn, typeOf(imageColumn)), new OutputColumn(labelColumn, typeOf(labelColumn))]);
    }

    /// <summary>What is drawn, and how strongly.</summary>
    public AugmentationOptions Options { get; }

    /// <summary>The seed row draws derive from.</summary>
    public SeedSource Seed { get; }

    /// <summary>The image column (augmented in place).</summary>
    public string ImageColumn { get; }

    /// <summary>The label column (moved with the image, in place), or null.</summary>
    public string? LabelColumn { get; }

    internal override ColumnContract Contract { get; }

    internal override string TypeName => "MLSeg.Augment";

    internal override object Compute(RowValues row, int output)
    {
        AugmentationDraw draw = Augmenter.Sample(Seed.Derive(row.Position), Options);
        return output == 0 ? Augmenter.ApplyToImage(row.Image(ImageColumn), draw) : Augmenter.ApplyToLabels(row.LabelMap(LabelColumn!), draw);
    }

    internal override JsonObject SaveTo(string directory) => new()
    {
        ["image"] = ImageColumn,
        ["label"] = LabelColumn,
        ["seed"] = Seed.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["options"] = JsonSerializer.SerializeToNode(Options),
    };

    internal static AugmentTransformer Load(string directory, StepParameters p)
    {
        var options = (p.Node("options") as JsonObject)?.Deserialize<AugmentationOptions>()
            ?? throw new Core.Errors.MLSegException($"{p.Source}: 'options' must be a JSON object of AugmentationOptions.");
        ulong seed = ulong.Parse(p.String("seed"), System.Globalization.CultureInfo.InvariantCulture);
        return new AugmentTransformer(options, new SeedSource(seed), p.String("image"), p.OptionalString("label"));
    }
}
