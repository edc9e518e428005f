using System.Reflection;
using System.Text.RegularExpressions;
using MLSeg.Models.Contracts;
using static TorchSharp.torch;

namespace MLSeg.Models;

/// <summary>
/// Builds a user-defined encoder for <see cref="ModelConfig"/> <paramref name="config"/> (its <see cref="ModelConfig.InChannels"/>,
/// <see cref="ModelConfig.Norm"/> … as the encoder sees fit), drawing initial weights from <paramref name="generator"/>
/// (the global generator when null). Each call returns a new encoder.
/// </summary>
public delegate Encoder EncoderBuilder(ModelConfig config, Generator? generator);

/// <summary>
/// Encoders registered under a name by the user (a notebook or an application), so that a <see cref="ModelConfig"/>
/// (<see cref="ModelConfig.Encoder"/>) — and through it an experiment spec's <c>model.encoder</c> — can name one:
/// <see cref="ModelFactory"/> then builds MLSeg's U-Net decoder around it. Process-wide and thread-safe; register before
/// parsing or running a spec that names the encoder. Built-in encoders are chosen by <see cref="ModelConfig.Architecture"/>
/// and their names (<see cref="BuiltInNames"/>) cannot be registered.
/// </summary>
public static partial class EncoderRegistry
{
    private static readonly Lock Gate = new();
    private static readonly Dictionary<string, EncoderBuilder> Builders = new(StringComparer.Ordinal);

    /// <summary>Names of the built-in encoders (those of the architectures), which registered names may not take.</summary>
    public static IReadOnlyList<string> BuiltInNames { get; } = ["unet", "resnet18", "resnet34"];

    /// <summary>The registered names, sorted.</summary>
    public static IReadOnlyList<string> Names
    {
        get
        {
            lock (Gate)
            {
                return [.. Builders.Keys.Order(StringComparer.Ordinal)];
            }
        }
    }

    /// <summary>
    /// Registers <paramref name="builder"/> under <paramref name="name"/> (lower-case letters, digits, '-', '_', '.'; starting
    /// with a letter), replacing an earlier registration of the same name (a notebook cell run twice).
    /// </summary>
    /// <exception cref="ArgumentException">The name is malformed or a built-in encoder's name.</exception>
    public static void Register(string name, EncoderBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(builder);
        if (!NamePattern().IsMatch(name))
        {
            throw new ArgumentException($"Encoder name '{name}' is not valid: use lower-case letters, digits, '-', '_' or '.', starting with a letter.", nameof(name));
        }

        if (BuiltInNames.Contains(name))
        {
            throw new ArgumentException($"Encoder name '{name}' is a built-in encoder's ({string.Join(", ", BuiltInNames)}); choose another name.", nameof(name));
        }

        lock (Gate)
        {
            Builders[name] = builder;
        }
    }

    /// <summary>Removes the registration of <paramref name="name"/>; returns whether there was one.</summary>
    public static bool Unregister(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        lock (Gate)
        {
            return Builders.Remove(name);
        }
    }

    /// <summary>Whether <paramref name="name"/> is registered.</summary>
    public static bool IsRegistered(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        lock (Gate)
        {
            return Builders.ContainsKey(name);
        }
    }

    /// <summary>The builder registered under <paramref name="name"/>, or null.</summary>
    public static EncoderBuilder? Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        lock (Gate)
        {
            return Builders.GetValueOrDefault(name);
        }
    }

    /// <summary>"registered: a, b" or "none registered", for error messages.</summary>
    public static string DescribeRegistered()
    {
        IReadOnlyList<string> names = Names;
        return names.Count == 0
            ? $"no encoder is registered (ModelFactory.RegisterEncoder in code; for mlseg and its Slurm tasks, {AssembliesVariable} naming an assembly with an IEncoderProvider)"
            : $"registered: {string.Join(", ", names)}";
    }

    /// <summary>The environment variable naming encoder assemblies for <see cref="LoadFromEnvironment"/>.</summary>
    public const string AssembliesVariable = "MLSEG_ENCODERS";

    /// <summary>
    /// Loads the assembly at <paramref name="path"/> and registers the encoders of every <see cref="IEncoderProvider"/>
    /// it defines; returns their names. The assembly binds to the MLSeg and TorchSharp assemblies already loaded.
    /// </summary>
    /// <exception cref="FileNotFoundException">No file at <paramref name="path"/>.</exception>
    /// <exception cref="ArgumentException">Not a .NET assembly, no provider in it, a provider that cannot be created, or an invalid name.</exception>
    public static IReadOnlyList<string> LoadProviders(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new FileNotFoundException($"Encoder assembly '{full}' does not exist.", full);
        }

        Assembly assembly;
        try
        {
            assembly = Assembly.LoadFrom(full);
        }
        catch (BadImageFormatException e)
        {
            throw new ArgumentException($"Encoder assembly '{full}' is not a .NET assembly: {e.Message}", nameof(path), e);
        }

        Type[] providers = assembly.GetExportedTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IEncoderProvider).IsAssignableFrom(t))
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .ToArray();
        if (providers.Length == 0)
        {
            throw new ArgumentException($"Encoder assembly '{full}' defines no public class implementing {typeof(IEncoderProvider).FullName}.", nameof(path));
        }

        var names = new List<string>();
        foreach (Type type in providers)
        {
            IEncoderProvider provider;
            try
            {
                provider = (IEncoderProvider)Activator.CreateInstance(type)!;
            }
            catch (Exception e) when (e is MissingMethodException or TargetInvocationException or MemberAccessException)
            {
                throw new ArgumentException($"Encoder provider {type.FullName} in '{full}' cannot be created: {e.InnerException?.Message ?? e.Message}", nameof(path), e);
            }

            foreach (var (name, builder) in provider.Encoders)
            {
                Register(name, builder);
                names.Add(name);
            }
        }

        return names;
    }

    /// <summary>
    /// <see cref="LoadProviders"/> for each path in <see cref="AssembliesVariable"/> (separated by ':'); returns every
    /// registered name, or nothing when the variable is unset. Errors name the variable. The variable is then rewritten
    /// with absolute paths, so that processes started from this one (Slurm array tasks, which start in other folders)
    /// load the same files.
    /// </summary>
    public static IReadOnlyList<string> LoadFromEnvironment()
    {
        string? value = Environment.GetEnvironmentVariable(AssembliesVariable);
        var names = new List<string>();
        var paths = new List<string>();
        foreach (string path in (value ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            try
            {
                names.AddRange(LoadProviders(path));
                paths.Add(Path.GetFullPath(path));
            }
            catch (Exception e) when (e is FileNotFoundException or ArgumentException or FileLoadException)
            {
                throw new ArgumentException($"{AssembliesVariable}: {e.Message}", e);
            }
        }

        if (paths.Count > 0)
        {
            Environment.SetEnvironmentVariable(AssembliesVariable, string.Join(':', paths));
        }

        return names;
    }

    [GeneratedRegex("^[a-z][a-z0-9_.-]*$")]
    private static partial Regex NamePattern();
}
