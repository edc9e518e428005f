using System.Text.Json.Nodes;
using MLSeg.Core.Imaging;
using MLSeg.Core.Pipeline;
using MLSeg.Pipeline;
using MLSeg.Transforms.Windowing;

namespace MLSeg.Transforms;

/// <summary>
/// VOI LUT windowing of an image column to [0, 1] (PS3.3 C.11.2.1.2; LINEAR, LINEAR_EXACT or SIGMOID), e.g. HU
/// through the soft-tissue window (c = 40, w = 400).
/// </summary>
public sealed class WindowTransformer : ColumnMapTransformer<Image2D, Image2D>
{
    /// <summary>The type name in <c>transformer.json</c>.</summary>
    public const string TypeName = "MLSeg.Window";

    /// <summary>Windows <paramref name="inputColumn"/> with <paramref name="preset"/> into <paramref name="outputColumn"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The window's width is invalid for its function.</exception>
    public WindowTransformer(WindowPreset preset, string inputColumn, string outputColumn) : base(inputColumn, outputColumn)
    {
        ArgumentNullException.ThrowIfNull(preset);

        // Validates width against the function before any image is seen (width ≤ 0, or < 1 for LINEAR, fails).
        VoiWindow.Value(0, preset.Center, preset.Width, preset.Function);
        Preset = preset;
    }

    /// <summary>The window (center and width in the input's units, e.g. HU).</summary>
    public WindowPreset Preset { get; }

    /// <inheritdoc />
    protected override Image2D Map(Image2D value, DataRow row)
    {
        ArgumentNullException.ThrowIfNull(value);
        var data = new float[value.Data.Length];
        VoiWindow.Apply(value.Data, data, Preset.Center, Preset.Width, Preset.Function);
        return value.WithData(data);
    }

    /// <inheritdoc />
    public override void Save(string directory) =>
        new TransformerManifest(TypeName, 1, new JsonObject
        {
            ["input"] = InputColumn,
            ["output"] = OutputColumn,
            ["name"] = Preset.Name,
            ["center"] = Preset.Center,
            ["width"] = Preset.Width,
            ["function"] = Preset.Function.ToString(),
        }).Write(directory);

    /// <summary>Loads a transformer saved by <see cref="Save"/>.</summary>
    public static WindowTransformer LoadFrom(string directory, TransformerManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        manifest.RequireVersion(1);
        var preset = new WindowPreset(manifest.GetString("name"), manifest.GetDouble("center"), manifest.GetDouble("width"),
            ManifestValues.GetEnum<VoiLutFunction>(manifest, "function", directory));
        return new WindowTransformer(preset, manifest.GetString("input"), manifest.GetString("output"));
    }
}
