using System.Globalization;
using MLSeg.Core.Errors;
using MLSeg.Models;
using MLSeg.Core.Randomness;
using MLSeg.Models.Contracts;
using MLSeg.Models.Engine;
using MLSeg.Models.Engine.Serialization;
using static TorchSharp.torch;

namespace MLSeg.Onnx.Export;

/// <summary>
/// A fine-tuned network as one safetensors file (<c>model.safetensors</c>, or a folder holding it) whose metadata
/// carries the <see cref="ModelConfig"/> as JSON under <see cref="ConfigKey"/>, so the network can be rebuilt with
/// <see cref="ModelFactory.Create"/> and its state dict loaded strictly. Tensors are named as PyTorch names them
/// (<see cref="StateDicts"/>), so checkpoints of earlier MLSeg versions and PyTorch's own state dicts load alike.
/// </summary>
public static class ModelCheckpoint
{
    /// <summary>The weights file inside a checkpoint folder.</summary>
    public const string FileName = "model.safetensors";

    /// <summary>Metadata key of the ModelConfig JSON (<see cref="ModelConfigJson"/>).</summary>
    public const string ConfigKey = "mlseg.model_config";

    /// <summary>Optional metadata key of the training input size, <c>"HxW"</c> in pixels (e.g. <c>"256x256"</c>).</summary>
    public const string InputSizeKey = "mlseg.input_size";

    /// <summary>
    /// Writes <paramref name="network"/>'s state dict with <paramref name="config"/> (and <paramref name="extraMetadata"/>)
    /// atomically to <paramref name="path"/>: a <c>.safetensors</c> file, or else a folder (created when absent) that gets
    /// <see cref="FileName"/>. Returns the file written.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="config"/> does not describe the network's layout, or the extra metadata redefines <see cref="ConfigKey"/>.</exception>
    public static string Save(SegmentationNetwork network, ModelConfig config, string path, IReadOnlyDictionary<string, string>? extraMetadata = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (config.Encoder is not null)
        {
            CheckRegisteredEncoderLayout(network, config);
        }
        else
        {
            ModelConfig actual = OnnxExporter.DescribeConfig(network);
            if (Layout(actual) != Layout(config))
            {
                throw new ArgumentException(
                    $"The ModelConfig {ModelConfigJson.Serialize(config)} does not describe this network ({ModelConfigJson.Serialize(actual)}); " +
                    "a checkpoint must record the config the network was built from.", nameof(config));
            }
        }

        var metadata = new Dictionary<string, string>(StringComparer.Ordinal) { [ConfigKey] = ModelConfigJson.Serialize(config) };
        foreach (var (key, value) in extraMetadata ?? new Dictionary<string, string>())
        {
            if (!metadata.TryAdd(key, value))
            {
                throw new ArgumentException($"extraMetadata may not set '{key}'; ModelCheckpoint writes it from the config.", nameof(extraMetadata));
            }
        }

        string file = path.EndsWith(".safetensors", StringComparison.OrdinalIgnoreCase) ? path : System.IO.Path.Combine(path, FileName);
        string? directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(file));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        StateDicts.Save(network, file, metadata);
        return file;
    }

    /// <summary>
    /// Reads a checkpoint written by <see cref="Save"/> (<paramref name="path"/>: the file, or the folder holding
    /// <see cref="FileName"/>): rebuilds the network from the recorded config, loads every weight strictly, and sets it to
    /// eval mode.
    /// </summary>
    /// <exception cref="FileNotFoundException">Neither the file nor the folder's <see cref="FileName"/> exists.</exception>
    /// <exception cref="SchemaMismatchException">The file has no (or an invalid) config entry, or its weights do not fit the config's network.</exception>
    /// <exception cref="SafeTensorsFormatException">The file is malformed.</exception>
    public static ModelCheckpointContent Load(string path)
    {
        string file = Resolve(path);
        var (_, metadata) = SafeTensors.ReadHeader(file);
        if (!metadata.TryGetValue(ConfigKey, out string? json))
        {
            throw new SchemaMismatchException(
                $"{file}: the safetensors metadata has no '{ConfigKey}' entry (keys: {string.Join(", ", metadata.Keys.Order(StringComparer.Ordinal))}); " +
                "it is not an MLSeg model checkpoint. Write checkpoints with ModelCheckpoint.Save.");
        }

        ModelConfig config = ModelConfigJson.Deserialize(json, $"{file} metadata '{ConfigKey}'");
        SegmentationNetwork network;
        // A private generator, so rebuilding (whose initial weights are overwritten) leaves the global RNG untouched.
        using (Generator generator = SeededGenerators.Create(new SeedSource(0)))
        {
            network = ModelFactory.Create(config, generator);
        }

        try
        {
            StateDicts.Load(network, file, strict: true);
            network.eval();
            return new ModelCheckpointContent(network, config, metadata, file);
        }
        catch
        {
            network.Dispose();
            throw;
        }
    }

    /// <summary>The checkpoint file <paramref name="path"/> names (itself, or the folder's <see cref="FileName"/>).</summary>
    /// <exception cref="FileNotFoundException">It does not exist.</exception>
    public static string Resolve(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string file = Directory.Exists(path) ? System.IO.Path.Combine(path, FileName) : path;
        return File.Exists(file) ? System.IO.Path.GetFullPath(file)
            : throw new FileNotFoundException($"Model checkpoint '{file}' does not exist; pass a {FileName} file or the folder holding it.", file);
    }

    /// <summary>The training input size recorded under <see cref="InputSizeKey"/>, or null when absent.</summary>
    /// <exception cref="SchemaMismatchException">The entry is not <c>HxW</c> with positive integers.</exception>
    public static (long Height, long Width)? InputSize(IReadOnlyDictionary<string, string> metadata, string source)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        if (!metadata.TryGetValue(InputSizeKey, out string? text))
        {
            return null;
        }

        string[] parts = text.Split('x');
        if (parts.Length == 2 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out long h)
            && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out long w) && h > 0 && w > 0)
        {
            return (h, w);
        }

        throw new SchemaMismatchException($"{source}: metadata '{InputSizeKey}' is '{text}'; expected HxW in pixels, e.g. 256x256.");
    }

    // The fields that shape the network (others, e.g. Depth of a ResNet U-Net, do not apply to its family).
    // A network around a registered (user-defined) encoder cannot be described from its modules: the config's network is
    // built and its state-dict names and shapes must equal the network's.
    private static void CheckRegisteredEncoderLayout(SegmentationNetwork network, ModelConfig config)
    {
        using var scope = NewDisposeScope();
        using Generator generator = SeededGenerators.Create(new SeedSource(0));
        using SegmentationNetwork reference = ModelFactory.Create(config, generator);
        var want = StateDicts.Of(reference).Select(e => (e.Key, Shape: string.Join("x", e.Value.shape))).ToList();
        var have = StateDicts.Of(network).Select(e => (e.Key, Shape: string.Join("x", e.Value.shape))).ToList();
        if (!want.SequenceEqual(have))
        {
            var first = want.Zip(have).Select((pair, i) => (pair, i)).FirstOrDefault(x => x.pair.First != x.pair.Second);
            string where = want.Count != have.Count ? $"{have.Count} state-dict entries, the config's network {want.Count}" : $"entry {first.i} is {first.pair.Second.Key} [{first.pair.Second.Shape}], the config's network has {first.pair.First.Key} [{first.pair.First.Shape}]";
            throw new ArgumentException(
                $"The ModelConfig {ModelConfigJson.Serialize(config)} (registered encoder '{config.Encoder}') does not describe this network: it has {where}; " +
                "a checkpoint must record the config the network was built from.", nameof(config));
        }
    }

    private static ModelConfig Layout(ModelConfig c)
    {
        var defaults = new ModelConfig();
        bool unet = c.Architecture == Architecture.UNet;
        return c with
        {
            Depth = unet ? c.Depth : defaults.Depth,
            BaseChannels = unet ? c.BaseChannels : defaults.BaseChannels,
            NormGroups = c.Norm == NormKind.Group ? c.NormGroups : defaults.NormGroups,
            InputAdaptation = !unet && c.InChannels == 1 ? c.InputAdaptation : defaults.InputAdaptation,
        };
    }
}
