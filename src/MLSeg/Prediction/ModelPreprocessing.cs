using System.Globalization;
using System.Text.Json;
using MLSeg.Core.Imaging;
using MLSeg.Experiments.Running;
using MLSeg.Onnx.Export;
using MLSeg.Transforms.Geometry;
using MLSeg.Transforms.Windowing;

namespace MLSeg.Prediction;

/// <summary>
/// The preprocessing a model was trained with, as recorded in its metadata (<see cref="OnnxExportMetadata"/> keys):
/// intensity window (PS3.3 C.11.2.1.2 linear VOI LUT to [0, 1]), bilinear resize to <see cref="SizePx"/>², then z-score
/// with the training mean/std — the order the experiment runner applies (window and resize commute with the affine
/// z-score, so the order of the last two does not change the result).
/// </summary>
/// <param name="Window">The window, or null when the model was trained on unwindowed values (<c>"none"</c>).</param>
/// <param name="ZScore">The training mean and standard deviation, or null for no normalisation (<c>{"kind":"none"}</c>).</param>
/// <param name="SizePx">The square model input size in pixels.</param>
public sealed record ModelPreprocessing(WindowPreset? Window, (double Mean, double Std)? ZScore, int SizePx)
{
    /// <summary>Keys <see cref="FromMetadata"/> requires.</summary>
    public static IReadOnlyList<string> RequiredKeys { get; } =
        [OnnxExportMetadata.PreprocessingWindow, OnnxExportMetadata.PreprocessingNormalization, OnnxExportMetadata.PreprocessingResize];

    /// <summary>Parses the recorded preprocessing of <paramref name="model"/> from its <paramref name="metadata"/>.</summary>
    /// <exception cref="ModelMetadataException">A required key is missing or its value is not what the runner writes.</exception>
    public static ModelPreprocessing FromMetadata(IReadOnlyDictionary<string, string> metadata, string model)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentException.ThrowIfNullOrEmpty(model);
        return new ModelPreprocessing(
            ParseWindow(Require(metadata, model, OnnxExportMetadata.PreprocessingWindow), model),
            ParseNormalization(Require(metadata, model, OnnxExportMetadata.PreprocessingNormalization), model),
            ParseSize(Require(metadata, model, OnnxExportMetadata.PreprocessingResize), model));
    }

    /// <summary>
    /// Maps a source image (e.g. HU after the Modality LUT) onto the model's input: RGB to luminance when the model takes
    /// one channel, window, bilinear resize to <see cref="SizePx"/>², z-score.
    /// </summary>
    /// <param name="source">The image on its own grid.</param>
    /// <param name="inChannels">Channels the model takes.</param>
    /// <exception cref="ArgumentException">The image's channel count does not fit the model.</exception>
    public Image2D Apply(Image2D source, int inChannels)
    {
        ArgumentNullException.ThrowIfNull(source);
        Image2D image = source.Channels == 3 && inChannels == 1 ? CohortData.ToGray(source) : source;
        if (image.Channels != inChannels)
        {
            throw new ArgumentException($"The image has {source.Channels} channels; the model takes {inChannels}.", nameof(source));
        }

        Image2D windowed = Window is null ? image : VoiWindow.Apply(image, Window);
        Image2D resized = windowed.Height == SizePx && windowed.Width == SizePx ? windowed : Resize.Bilinear(windowed, SizePx, SizePx);
        if (ZScore is not { } z)
        {
            return resized;
        }

        var data = new float[resized.Data.Length];
        float mean = (float)z.Mean, inverse = (float)(1 / z.Std);
        ReadOnlySpan<float> values = resized.Data;
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = (values[i] - mean) * inverse;
        }

        return resized.WithData(data);
    }

    private static string Require(IReadOnlyDictionary<string, string> metadata, string model, string key) =>
        metadata.TryGetValue(key, out string? value) ? value
            : throw new ModelMetadataException(model, key,
                $"is missing (the model records: {(metadata.Count == 0 ? "nothing" : string.Join(", ", metadata.Keys.Order(StringComparer.Ordinal)))}). " +
                "Prediction re-applies the training preprocessing and cannot guess it; use a checkpoint written by `mlseg run` or its `mlseg export-onnx` export.");

    private static WindowPreset? ParseWindow(string json, string model)
    {
        const string key = OnnxExportMetadata.PreprocessingWindow;
        JsonElement root = Parse(json, model, key);
        if (root.ValueKind == JsonValueKind.String)
        {
            string name = root.GetString()!;
            if (name == "none")
            {
                return null;
            }

            try
            {
                return WindowPresets.Get(name == "muscle" ? "sarcopenia-muscle" : name);
            }
            catch (ArgumentException e)
            {
                throw new ModelMetadataException($"{model}: metadata '{key}' names window '{name}': {e.Message}", e);
            }
        }

        if (root.ValueKind == JsonValueKind.Object && Number(root, "center") is double center && Number(root, "width") is double width)
        {
            return width > 0 && double.IsFinite(center) && double.IsFinite(width)
                ? new WindowPreset("custom", center, width, VoiLutFunction.Linear)
                : throw new ModelMetadataException(model, key, $"is '{json}'; the width must be > 0 and both values finite.");
        }

        throw new ModelMetadataException(model, key, $"is '{json}'; expected a preset name string (e.g. \"soft-tissue\", \"muscle\", \"none\") or {{\"center\":C,\"width\":W}}.");
    }

    private static (double Mean, double Std)? ParseNormalization(string json, string model)
    {
        const string key = OnnxExportMetadata.PreprocessingNormalization;
        JsonElement root = Parse(json, model, key);
        string? kind = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("kind", out JsonElement k) && k.ValueKind == JsonValueKind.String ? k.GetString() : null;
        switch (kind)
        {
            case "none":
                return null;
            case "zscore" when Number(root, "mean") is double mean && Number(root, "std") is double std:
                return double.IsFinite(mean) && std > 0 && double.IsFinite(std) ? (mean, std)
                    : throw new ModelMetadataException(model, key, $"is '{json}'; the mean must be finite and the std > 0.");
            default:
                throw new ModelMetadataException(model, key,
                    $"is '{json}'; expected {{\"kind\":\"zscore\",\"mean\":M,\"std\":S}} or {{\"kind\":\"none\"}} (other kinds carry no parameters to re-apply).");
        }
    }

    private static int ParseSize(string text, string model) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int size) && size > 0 ? size
            : throw new ModelMetadataException(model, OnnxExportMetadata.PreprocessingResize, $"is '{text}'; expected a positive integer (the square input size in pixels).");

    private static JsonElement Parse(string json, string model, string key)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new ModelMetadataException($"{model}: metadata '{key}' is '{json}', which is not JSON: {e.Message}", e);
        }
    }

    private static double? Number(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;
}
