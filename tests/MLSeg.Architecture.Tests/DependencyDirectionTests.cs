using System.Reflection;

namespace MLSeg.Architecture.Tests;

/// <summary>Enforces the project dependency direction of docs/ARCHITECTURE.md by reflecting over assembly references.</summary>
public class DependencyDirectionTests
{
    private static readonly string[] All =
    [
        "MLSeg.Core", "MLSeg.Dicom", "MLSeg.ImageIO", "MLSeg.Transforms", "MLSeg.Evaluation", "MLSeg.Models",
        "MLSeg.Training", "MLSeg.Onnx", "MLSeg.Experiments", "MLSeg.Charts", "MLSeg.Synthetic", "MLSeg",
    ];

    // What each assembly may reference among MLSeg's own (docs/ARCHITECTURE.md).
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["MLSeg.Core"] = [],
        ["MLSeg.Dicom"] = ["MLSeg.Core"],
        ["MLSeg.ImageIO"] = ["MLSeg.Core"],
        ["MLSeg.Transforms"] = ["MLSeg.Core"],
        ["MLSeg.Evaluation"] = ["MLSeg.Core"],
        ["MLSeg.Models"] = ["MLSeg.Core"],
        ["MLSeg.Training"] = ["MLSeg.Core", "MLSeg.Models"],
        ["MLSeg.Onnx"] = ["MLSeg.Core", "MLSeg.Models"],
        ["MLSeg.Charts"] = ["MLSeg.Core", "MLSeg.Evaluation"],
        ["MLSeg.Synthetic"] = ["MLSeg.Core", "MLSeg.Dicom", "MLSeg.ImageIO"],
        ["MLSeg.Experiments"] =
        [
            "MLSeg.Core", "MLSeg.Dicom", "MLSeg.ImageIO", "MLSeg.Transforms", "MLSeg.Evaluation", "MLSeg.Models",
            "MLSeg.Training", "MLSeg.Onnx", "MLSeg.Charts", "MLSeg.Synthetic",
        ],
        ["MLSeg"] = All.Where(a => a != "MLSeg").ToArray(),
        ["MLSeg.Cli"] = All,
    };

    // Where native interop may live: the assembly, and the namespace prefix inside it (null = anywhere in it).
    private static readonly (string Assembly, string? Namespace)[] InteropAllowed =
    [
        // The engine's only native glue of its own: glibc malloc tuning and libtorch's cuDNN autotuner switch (TorchSharp P/Invokes libtorch itself).
        ("MLSeg.Models", "MLSeg.Models.Engine.Native"),
        ("MLSeg.Dicom", "MLSeg.Dicom.Codecs.Native"),
    ];

    public static TheoryData<string> Assemblies()
    {
        var data = new TheoryData<string>();
        foreach (string a in Allowed.Keys)
        {
            data.Add(a);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Assemblies))]
    public void References_OnlyAllowedMLSegAssemblies(string assemblyName)
    {
        Assembly asm = Assembly.Load(assemblyName);
        var own = asm.GetReferencedAssemblies()
            .Select(r => r.Name!)
            .Where(n => n == "MLSeg" || n.StartsWith("MLSeg.", StringComparison.Ordinal))
            .ToList();
        var forbidden = own.Except(Allowed[assemblyName]).ToList();
        Assert.True(forbidden.Count == 0, $"{assemblyName} references {string.Join(", ", forbidden)}, which docs/ARCHITECTURE.md does not allow.");
    }

    [Theory]
    [MemberData(nameof(Assemblies))]
    public void MicrosoftMl_OnlyInTheFacade(string assemblyName)
    {
        // ML.NET integration (estimators, catalogs, column types) lives in the facade; the libraries stay ML.NET-free.
        // ONNX Runtime's own packages (Microsoft.ML.OnnxRuntime*) are a separate dependency and not covered here.
        var mlNet = Assembly.Load(assemblyName).GetReferencedAssemblies()
            .Select(r => r.Name!)
            .Where(n => (n == "Microsoft.ML" || n.StartsWith("Microsoft.ML.", StringComparison.Ordinal)) && !n.StartsWith("Microsoft.ML.OnnxRuntime", StringComparison.Ordinal))
            .ToList();
        bool allowed = assemblyName is "MLSeg" or "MLSeg.Cli";
        Assert.True(allowed || mlNet.Count == 0, $"{assemblyName} references {string.Join(", ", mlNet)}; only the MLSeg facade may reference Microsoft.ML (docs/ARCHITECTURE.md).");
        if (assemblyName == "MLSeg")
        {
            Assert.Contains("Microsoft.ML.Data", mlNet);
        }
    }

    [Fact]
    public void OnnxRuntimeNativePackage_OnlyInMLSegOnnx()
    {
        // Its native asset in a deps.json shadows MLSeg.Onnx's copy (the CPU build's, or the CUDA build's): the GPU
        // variant once loaded the CPU library because the facade referenced the CPU package (docs/ARCHITECTURE.md).
        var offenders = Directory.EnumerateFiles(Path.Combine(MLSeg.TestKit.RepoPaths.Root, "src"), "*.csproj", SearchOption.AllDirectories)
            .Where(p => Path.GetFileName(p) != "MLSeg.Onnx.csproj")
            .Where(p => System.Text.RegularExpressions.Regex.IsMatch(File.ReadAllText(p), "Include=\"Microsoft\\.ML\\.OnnxRuntime(\\.Gpu\\.Linux)?\""))
            .Select(p => Path.GetRelativePath(MLSeg.TestKit.RepoPaths.Root, p))
            .ToList();
        Assert.True(offenders.Count == 0, $"{string.Join(", ", offenders)} reference ONNX Runtime's native package; only src/MLSeg.Onnx may (with ExcludeAssets=\"all\").");
    }

    [Theory]
    [MemberData(nameof(Assemblies))]
    public void NativeInterop_OnlyInItsFolders(string assemblyName)
    {
        Assembly asm = Assembly.Load(assemblyName);
        var offenders = new List<string>();
        foreach (Type t in asm.GetTypes())
        {
            foreach (MethodInfo m in t.GetMethods(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                if (!m.Attributes.HasFlag(MethodAttributes.PinvokeImpl))
                {
                    continue;
                }

                bool ok = InteropAllowed.Any(p => p.Assembly == asm.GetName().Name
                    && (p.Namespace is null || (t.Namespace ?? string.Empty).StartsWith(p.Namespace, StringComparison.Ordinal)));
                if (!ok)
                {
                    offenders.Add($"{t.FullName}.{m.Name}");
                }
            }
        }

        Assert.True(offenders.Count == 0, $"P/Invoke outside the allowed folders: {string.Join(", ", offenders)}");
    }
}
