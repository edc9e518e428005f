using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLSeg.Core.Errors;
using MLSeg.Core.IO;
using MLSeg.Onnx;
using MLSeg.Pipeline;
using MLSeg.Training;
using MLSeg.Transforms;

namespace MLSeg.Persistence;

/// <summary>
/// MLSeg's format for fitted pipelines (<c>ml.Segmentation().Model.Save/Load</c>), because ML.NET's own cannot hold a
/// third-party transformer. A zip (path ending in <c>.zip</c>) or a folder with <c>pipeline.json</c> — the chain's
/// description: every step in order, MLSeg steps by type name and parameters — plus a folder per MLSeg step
/// (<c>steps/NN/</c>, e.g. <c>weights.safetensors</c>), and each run of consecutive built-in ML.NET steps as an
/// embedded ML.NET model file (<c>steps/NN.mlnet.zip</c>, written by <c>mlContext.Model.Save</c>). Written to a temporary
/// name and renamed, so a killed save never leaves a half pipeline.
/// </summary>
internal static class PipelineArchive
{
    public const string DescriptionFile = "pipeline.json";

    public const string Format = "mlseg-pipeline";

    public const int Version = 1;

    private static readonly Dictionary<string, Func<string, StepParameters, RowMappingTransformer>> Loaders = new(StringComparer.Ordinal)
    {
        ["MLSeg.LoadImage"] = LoadImageTransformer.Load,
        ["MLSeg.LoadMask"] = LoadMaskTransformer.Load,
        ["MLSeg.Window"] = WindowTransformer.Load,
        ["MLSeg.NormalizeIntensity"] = IntensityNormalizerTransformer.Load,
        ["MLSeg.Resize"] = ResizeTransformer.Load,
        ["MLSeg.PadOrCrop"] = PadOrCropTransformer.Load,
        ["MLSeg.ToTensor"] = ToTensorTransformer.Load,
        ["MLSeg.Augment"] = AugmentTransformer.Load,
        ["MLSeg.PretrainedEncoder"] = PretrainedEncoderTransformer.Load,
        ["MLSeg.SegmentationModel"] = SegmentationModelTransformer.Load,
        ["MLSeg.OnnxModel"] = OnnxModelTransformer.Load,
    };

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>The steps of <paramref name="model"/> in order, nested ML.NET transformer chains flattened.</summary>
    public static IEnumerable<ITransformer> Flatten(ITransformer model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.GetType().IsGenericType && model.GetType().GetGenericTypeDefinition() == typeof(TransformerChain<>))
        {
            foreach (ITransformer step in (IEnumerable<ITransformer>)model)
            {
                foreach (ITransformer inner in Flatten(step))
                {
                    yield return inner;
                }
            }
        }
        else
        {
            yield return model;
        }
    }

    /// <summary>Saves <paramref name="model"/> to <paramref name="path"/> (a .zip, or a folder otherwise), replacing what is there.</summary>
    public static void Save(MLContext ml, ITransformer model, string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string full = Path.GetFullPath(path);
        string parent = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(parent);
        string staging = Path.Combine(parent, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            WriteFolder(ml, model, staging);
            if (full.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
            {
                AtomicFile.Write(full, stream => ZipFile.CreateFromDirectory(staging, stream));
            }
            else
            {
                if (Directory.Exists(full))
                {
                    Directory.Delete(full, recursive: true);
                }

                Directory.Move(staging, full);
            }
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    /// <summary>Loads a pipeline saved by <see cref="Save"/>.</summary>
    public static TransformerChain<ITransformer> Load(MLContext ml, string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            return ReadFolder(ml, full, full);
        }

        if (!File.Exists(full))
        {
            throw new FileNotFoundException($"Saved pipeline '{full}' does not exist (expected a .zip or a folder written by ml.Segmentation().Model.Save).", full);
        }

        string extracted = Path.Combine(Path.GetTempPath(), $"mlseg-pipeline-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            try
            {
                ZipFile.ExtractToDirectory(full, extracted);
            }
            catch (InvalidDataException ex)
            {
                throw new MLSegException($"{full}: not a zip archive ({ex.Message}); expected a pipeline written by ml.Segmentation().Model.Save.", ex);
            }

            return ReadFolder(ml, extracted, full);
        }
        finally
        {
            if (Directory.Exists(extracted))
            {
                Directory.Delete(extracted, recursive: true);
            }
        }
    }

    private static void WriteFolder(MLContext ml, ITransformer model, string folder)
    {
        Directory.CreateDirectory(Path.Combine(folder, "steps"));
        var steps = new JsonArray();
        var builtIns = new List<ITransformer>();
        int index = 0;

        void FlushBuiltIns()
        {
            if (builtIns.Count == 0)
            {
                return;
            }

            string file = $"steps/{Name(index++)}.mlnet.zip";
            ml.Model.Save(new TransformerChain<ITransformer>([.. builtIns]), null, Path.Combine(folder, file));
            steps.Add(new JsonObject { ["kind"] = "mlnet", ["file"] = file, ["transformers"] = builtIns.Count });
            builtIns.Clear();
        }

        foreach (ITransformer step in Flatten(model))
        {
            if (step is not RowMappingTransformer mlseg)
            {
                builtIns.Add(step);
                continue;
            }

            FlushBuiltIns();
            string stepFolder = $"steps/{Name(index++)}";
            Directory.CreateDirectory(Path.Combine(folder, stepFolder));
            JsonObject parameters = mlseg.SaveTo(Path.Combine(folder, stepFolder));
            steps.Add(new JsonObject { ["kind"] = "mlseg", ["type"] = mlseg.TypeName, ["folder"] = stepFolder, ["parameters"] = parameters });
        }

        FlushBuiltIns();
        var root = new JsonObject { ["format"] = Format, ["version"] = Version, ["microsoft_ml"] = MLNetInternals.PinnedVersion, ["steps"] = steps };
        AtomicFile.WriteAllText(Path.Combine(folder, DescriptionFile), root.ToJsonString(Indented) + "\n");
    }

    private static TransformerChain<ITransformer> ReadFolder(MLContext ml, string folder, string source)
    {
        string descriptionPath = Path.Combine(folder, DescriptionFile);
        if (!File.Exists(descriptionPath))
        {
            throw new MLSegException($"{source}: no {DescriptionFile}; not a pipeline written by ml.Segmentation().Model.Save.");
        }

        JsonObject root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(descriptionPath)) as JsonObject
                ?? throw new MLSegException($"{source}/{DescriptionFile}: expected a JSON object.");
        }
        catch (JsonException ex)
        {
            throw new MLSegException($"{source}/{DescriptionFile}: not valid JSON: {ex.Message}", ex);
        }

        var top = new StepParameters(root, $"{source}/{DescriptionFile}");
        if (top.String("format") != Format || top.Int32("version") != Version)
        {
            throw new MLSegException($"{source}/{DescriptionFile}: format '{top.String("format")}' version {top.Int32("version")}; this build reads '{Format}' version {Version}.");
        }

        var steps = new List<ITransformer>();
        JsonArray list = root["steps"] as JsonArray ?? throw new MLSegException($"{source}/{DescriptionFile}: 'steps' must be an array.");
        for (int i = 0; i < list.Count; i++)
        {
            string where = string.Create(CultureInfo.InvariantCulture, $"{source}/{DescriptionFile} step {i}");
            var step = new StepParameters(list[i] as JsonObject ?? throw new MLSegException($"{where}: must be a JSON object."), where);
            string kind = step.String("kind");
            if (kind == "mlnet")
            {
                ITransformer builtIn = ml.Model.Load(Inside(folder, step.String("file"), where), out _);
                steps.AddRange(Flatten(builtIn));
                continue;
            }

            if (kind != "mlseg")
            {
                throw new MLSegException($"{where}: kind '{kind}' is neither 'mlseg' nor 'mlnet'.");
            }

            string type = step.String("type");
            if (!Loaders.TryGetValue(type, out var load))
            {
                throw new MLSegException($"{where}: unknown MLSeg step type '{type}'; this build knows {string.Join(", ", Loaders.Keys.Order(StringComparer.Ordinal))}.");
            }

            var parameters = step.Node("parameters") as JsonObject ?? throw new MLSegException($"{where}: 'parameters' must be a JSON object.");
            steps.Add(load(Inside(folder, step.String("folder"), where), new StepParameters(parameters, $"{where} ({type})")));
        }

        return new TransformerChain<ITransformer>([.. steps]);
    }

    // A path named inside the archive must stay inside it.
    private static string Inside(string folder, string relative, string where)
    {
        string full = Path.GetFullPath(Path.Combine(folder, relative));
        string root = Path.GetFullPath(folder) + Path.DirectorySeparatorChar;
        return full.StartsWith(root, StringComparison.Ordinal) && (File.Exists(full) || Directory.Exists(full))
            ? full
            : throw new MLSegException($"{where}: '{relative}' is not a file or folder inside the saved pipeline.");
    }

    private static string Name(int index) => index.ToString("00", CultureInfo.InvariantCulture);
}
