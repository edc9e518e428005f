using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLSeg.Pipeline;

/// <summary>
/// The few ML.NET internals a third-party component needs and ML.NET does not make public: building a
/// <see cref="SchemaShape.Column"/> (its constructor is internal), <c>SchemaShape.Create</c>, and the host
/// environment (with its seed) behind an <see cref="MLContext"/>'s catalogs. Pinned to exactly <see cref="PinnedVersion"/>: any other
/// Microsoft.ML build fails on first use with a message saying what moved, rather than misbehaving.
/// <c>MLNetInternalsTests</c> fails loudly when an upgrade moves one of them.
/// </summary>
internal static class MLNetInternals
{
    /// <summary>The Microsoft.ML informational version these reflections were written against.</summary>
    public const string PinnedVersion = "6.0.0";

    private const BindingFlags Any = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static;

    private static readonly Lazy<Handles> Resolved = new(Resolve, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The Microsoft.ML version loaded (informational version without the commit suffix).</summary>
    public static string LoadedVersion
    {
        get
        {
            string? v = typeof(MLContext).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
            return v is null ? "unknown" : v.Split('+')[0];
        }
    }

    /// <summary>A schema-shape column (<c>new SchemaShape.Column(name, kind, itemType, isKey)</c>, internal in ML.NET).</summary>
    public static SchemaShape.Column Column(string name, SchemaShape.Column.VectorKind kind, DataViewType itemType, bool isKey = false) =>
        (SchemaShape.Column)Resolved.Value.ColumnCtor.Invoke([name, kind, itemType, isKey, null]);

    /// <summary>The shape of <paramref name="schema"/> (<c>SchemaShape.Create</c>, internal in ML.NET).</summary>
    public static SchemaShape ShapeOf(DataViewSchema schema) => (SchemaShape)Resolved.Value.Create.Invoke(null, [schema])!;

    /// <summary>
    /// The host environment behind a catalog (<c>ml.Transforms</c>, <c>ml.Data</c>, <c>ml.Model</c>): one object per
    /// <see cref="MLContext"/>, shared by all its catalogs, so it identifies the context.
    /// </summary>
    public static object EnvironmentOf(object catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        _ = Resolved.Value;
        PropertyInfo environment = catalog.GetType().GetInterfaces()
            .FirstOrDefault(i => i.FullName == "Microsoft.ML.Data.IInternalCatalog")?.GetProperty("Environment")
            ?? throw Moved($"{catalog.GetType().FullName} no longer implements IInternalCatalog.Environment");
        return environment.GetValue(catalog) ?? throw Moved($"{catalog.GetType().Name}'s environment is null");
    }

    /// <summary>The environment of <paramref name="context"/> (the one its catalogs share).</summary>
    public static object EnvironmentOf(MLContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return EnvironmentOf(context.Data);
    }

    /// <summary>The seed the environment's context was created with (<c>new MLContext(seed)</c>), or null for an unseeded one.</summary>
    public static int? SeedOf(object environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        PropertyInfo seed = environment.GetType().GetInterfaces().FirstOrDefault(i => i.FullName == "Microsoft.ML.Runtime.IHostEnvironmentInternal")
            ?.GetProperty("Seed")
            ?? throw Moved($"{environment.GetType().FullName} no longer implements IHostEnvironmentInternal.Seed");
        return seed.PropertyType == typeof(int?) ? (int?)seed.GetValue(environment) : throw Moved($"IHostEnvironmentInternal.Seed is now {seed.PropertyType.Name}");
    }

    /// <summary>Resolves every handle now (the pinning test calls this), throwing when the version or an internal moved.</summary>
    public static void Verify() => _ = Resolved.Value;

    private static Handles Resolve()
    {
        if (LoadedVersion != PinnedVersion)
        {
            throw Moved($"Microsoft.ML {LoadedVersion} is loaded");
        }

        ConstructorInfo ctor = typeof(SchemaShape.Column).GetConstructor(Any,
            [typeof(string), typeof(SchemaShape.Column.VectorKind), typeof(DataViewType), typeof(bool), typeof(SchemaShape)])
            ?? throw Moved("SchemaShape.Column(string, VectorKind, DataViewType, bool, SchemaShape) is gone");
        MethodInfo create = typeof(SchemaShape).GetMethod("Create", Any, [typeof(DataViewSchema)])
            ?? throw Moved("SchemaShape.Create(DataViewSchema) is gone");
        return new Handles(ctor, create);
    }

    private static InvalidOperationException Moved(string what) => new(
        $"MLSeg reaches into ML.NET internals pinned to Microsoft.ML {PinnedVersion}, and {what}. " +
        "Pin Microsoft.ML to that version in Directory.Packages.props, or update MLSeg.Pipeline.MLNetInternals for the new one.");

    private sealed record Handles(ConstructorInfo ColumnCtor, MethodInfo Create);
}
