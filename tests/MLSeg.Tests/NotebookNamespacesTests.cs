// The namespaces a notebook imports next to ML.NET's: this file compiling at all is the CS0104 check (an MLSeg type
// named like an ML.NET one used below would make the name ambiguous), and the tests run a pipeline through it.
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;
using MLSeg;
using MLSeg.Charts.Data;
using MLSeg.Charts.Html;
using MLSeg.Charts.Plots;
using MLSeg.Core.Imaging;
using MLSeg.Core.Randomness;
using MLSeg.Data;
using MLSeg.Evaluation.Statistics;
using MLSeg.Experiments.Running;
using MLSeg.Experiments.Specs;
using MLSeg.IO;
using MLSeg.Models.Contracts;
using MLSeg.Onnx;
using MLSeg.Onnx.Export;
using MLSeg.Synthetic;
using MLSeg.Synthetic.Ct;
using MLSeg.Synthetic.Writing;
using MLSeg.Models.Engine;
using TorchSharp;
using static TorchSharp.torch;
using MLSeg.Training;
using MLSeg.Transforms;
using MLSeg.Transforms.Windowing;

namespace MLSeg.Tests;

public sealed class NotebookNamespacesTests(CohortFixture cohort) : IClassFixture<CohortFixture>
{
    // Every namespace above except ML.NET's: the ones notebooks (and README snippets) import.
    private static readonly string[] MLSegNamespaces =
    [
        "MLSeg", "MLSeg.Charts.Data", "MLSeg.Charts.Html", "MLSeg.Charts.Plots", "MLSeg.Core.Imaging", "MLSeg.Core.Randomness", "MLSeg.Data",
        "MLSeg.Evaluation.Statistics", "MLSeg.Experiments.Running", "MLSeg.Experiments.Specs", "MLSeg.IO", "MLSeg.Models.Contracts", "MLSeg.Onnx",
        "MLSeg.Onnx.Export", "MLSeg.Synthetic", "MLSeg.Synthetic.Ct", "MLSeg.Synthetic.Writing", "MLSeg.Models.Engine", "MLSeg.Models.Layers", "MLSeg.Training", "MLSeg.Transforms",
        "MLSeg.Transforms.Windowing",
    ];

    // What ML.NET notebooks import (ApplyOnnxModel's options live in Microsoft.ML.Transforms.Onnx).
    private static readonly string[] MLNetNamespaces = ["Microsoft.ML", "Microsoft.ML.Data", "Microsoft.ML.Transforms", "Microsoft.ML.Transforms.Onnx"];

    [Fact]
    public void PublicTypes_NotebookNamespaces_NoneSharesANameWithAnMlNetType()
    {
        System.Reflection.Assembly[] assemblies = [.. LoadClosure(typeof(SegmentationCatalog).Assembly)];
        HashSet<string> mlNet = [.. Types(assemblies, a => a.StartsWith("Microsoft.ML", StringComparison.Ordinal), MLNetNamespaces)];
        HashSet<string> mlSeg = [.. Types(assemblies, a => a == "MLSeg" || a.StartsWith("MLSeg.", StringComparison.Ordinal), MLSegNamespaces)];
        Assert.Contains("IDataView", mlNet);
        Assert.Contains("ApplyOnnxModel", typeof(OnnxCatalog).GetMethods().Select(m => m.Name));
        Assert.Contains("SegmentationCatalog", mlSeg);
        string[] clashes = [.. mlSeg.Where(mlNet.Contains).Order(StringComparer.Ordinal)];
        Assert.True(clashes.Length == 0, $"Public MLSeg types named like Microsoft.ML types (CS0104 in notebooks): {string.Join(", ", clashes)}");
    }

    [Fact]
    public void Snippet_MlNetAndMLSegTogether_BuildsFitsAndReadsAPipeline()
    {
        var ml = new MLContext(seed: 1);
        IDataView rows = ml.Data.LoadManifest(cohort.ManifestPath);
        IEstimator<ITransformer> pipeline = ml.Transforms.LoadImage()
            .Append(ml.Transforms.Window("soft-tissue"))
            .Append(ml.Transforms.Resize(16, labelColumnName: null))
            .Append(ml.Transforms.ToTensor())
            .Append(ml.Transforms.CopyColumns("features", WellKnownColumns.Tensor));
        TransformsCatalog transforms = ml.Transforms;
        Assert.NotNull(transforms);
        ITransformer model = pipeline.Fit(rows);
        IDataView output = model.Transform(rows);
        DataViewSchema schema = output.Schema;
        Assert.IsType<VectorDataViewType>(schema["features"].Type);
        Assert.Equal(6, output.GetColumn<float[]>("features").Count());
    }

    // The facade and every MLSeg / Microsoft.ML assembly it references, directly or not.
    private static IEnumerable<System.Reflection.Assembly> LoadClosure(System.Reflection.Assembly root)
    {
        var seen = new Dictionary<string, System.Reflection.Assembly>(StringComparer.Ordinal) { [root.GetName().Name!] = root };
        var queue = new Queue<System.Reflection.Assembly>([root]);
        while (queue.TryDequeue(out var a))
        {
            foreach (var name in a.GetReferencedAssemblies().Where(n => n.Name!.StartsWith("MLSeg", StringComparison.Ordinal) || n.Name.StartsWith("Microsoft.ML", StringComparison.Ordinal)))
            {
                if (!seen.ContainsKey(name.Name!))
                {
                    var loaded = System.Reflection.Assembly.Load(name);
                    seen[name.Name!] = loaded;
                    queue.Enqueue(loaded);
                }
            }
        }

        return seen.Values;
    }

    private static IEnumerable<string> Types(IEnumerable<System.Reflection.Assembly> assemblies, Func<string, bool> assembly, string[] namespaces) =>
        assemblies
            .Where(a => assembly(a.GetName().Name ?? string.Empty))
            .SelectMany(a => a.GetExportedTypes())
            .Where(t => !t.IsNested && namespaces.Contains(t.Namespace))
            .Select(t => t.Name)
            .Distinct(StringComparer.Ordinal);
}
