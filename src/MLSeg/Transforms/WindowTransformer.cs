using System.Text.Json.Nodes;
using MLSeg.Core.Imaging;
using MLSeg.Persistence;
using MLSeg.Pipeline;
using MLSeg.Transforms.Windowing;

namespace MLSeg.Transforms;

/// <summary>
/// VOI LUT windowing of an image column to [0, 1] (PS3.3 C.11.2.1.2; LINEAR, LINEAR_EXACT or SIGMOID), e.g. HU
/// through the soft-tissue window (c = 40, w = 400). The output column keeps the input's type (and so its size).
/// </summary>
public sealed class WindowTransformer : RowMappingTransformer
{
    internal WindowTransformer(WindowPreset preset, string inputColumn, string outputColumn)
    {
        ArgumentNullException.ThrowIfNull(preset);
        ArgumentException.ThrowIfNullOrEmpty(inputColumn);
        ArgumentException.ThrowIfNullOrEmpty(outputColumn);

        // Validates width against the function before any image is seen (width ≤ 0, or < 1 for LINEAR, fails).
        VoiWindow.Value(0, preset.Center, preset.Width, preset.Function);
        Preset = preset;
        InputColumn = inputColumn;
        OutputColumn = outputColumn;
        Contract = new ColumnContract([ColumnRequirement.Image(inputColumn)], typeOf => [new OutputColumn(outputColumn, typeOf(inputColumn))]);
    }

    /// <summary>The window (center and width in the input's units, e.g. HU).</summary>
    public WindowPreset Preset { get; }

    /// <summary>The image column read.</summary>
    public string InputColumn { get; }

    /// <summary>The image column written.</summary>
    public string OutputColumn { get; }

    internal override ColumnContract Contract { get; }

    internal override string TypeName => "MLSeg.Window";

    internal override object Compute(RowValues row, int output)
    {
        Image2D image = row.Image(InputColumn);
        var data = new float[image.Data.Length];
        VoiWindow.Apply(image.Data, data, Preset.Center, Preset.Width, Preset.Function);
        return image.WithData(data);
    }

    internal override JsonObject SaveTo(string directory) => new()
    {
        ["input"] = InputColumn,
        ["output"] = OutputColumn,
        ["name"] = Preset.Name,
        ["center"] = Preset.Center,
        ["width"] = Preset.Width,
        ["function"] = Preset.Function.ToString(),
    };

    internal static WindowTransformer Load(string directory, StepParameters p) =>
        new(new WindowPreset(p.String("name"), p.Double("center"), p.Double("width"), p.Enum<VoiLutFunction>("function")), p.String("input"), p.String("output"));
}
