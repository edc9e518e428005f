using System.Globalization;
using MLSeg.Onnx.Export;
using MLSeg.Onnx.Proto;
using MLSeg.Models.Engine;
using MLSeg.Models.Layers;
using MLSeg.TestKit;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace MLSeg.Onnx.Tests;

public class OnnxExporterTests(ITestOutputHelper output)
{
    // Tolerance of ORT vs the engine: float32 maths in a different summation order (and folded BN weights).
    private const double Tolerance = OnnxExporter.VerifyTolerance;

    [NativeTheory]
    [MemberData(nameof(ExportCases.NamesWithFolding), MemberType = typeof(ExportCases))]
    public void Verify_EveryFamily_MatchesTorchAtTwoSizesAndBatches(string name, bool fold)
    {
        using SegmentationNetworkScope scope = new(ExportCases.Create(name));
        byte[] model = OnnxExporter.Export(scope.Network, new OnnxExportOptions { FoldBatchNorm = fold });
        long c = ExportCases.Configs[name].InChannels;
        // 64×64 single image, then 96×128 with batch 2: the same graph serves both (symbolic N, H, W).
        foreach (var (n, h, w, seed) in new[] { (1L, 64L, 64L, 1L), (2L, 96L, 128L, 2L) })
        {
            using Tensor input = ExportCases.Input(n, c, h, w, seed);
            double diff = OnnxExporter.Verify(scope.Network, model, input);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name} fold={fold} {n}x{c}x{h}x{w}: max_abs_diff={diff:E3}"));
            Assert.True(diff <= Tolerance, $"{name} (fold={fold}) at {n}×{c}×{h}×{w}: max |ORT − Torch| = {diff} > {Tolerance}");
        }
    }

    [NativeTheory]
    [InlineData(OnnxOutputActivation.Softmax, 13)]
    [InlineData(OnnxOutputActivation.Sigmoid, 15)]
    public void Verify_OutputActivationAndOlderOpset_MatchesTorch(OnnxOutputActivation activation, int opset)
    {
        using SegmentationNetworkScope scope = new(ExportCases.Create("unet-group-bilinear"));
        byte[] model = OnnxExporter.Export(scope.Network, new OnnxExportOptions { OutputActivation = activation, Opset = opset });
        using Tensor input = ExportCases.Input(1, 2, 32, 48, 5);
        double diff = OnnxExporter.Verify(scope.Network, model, input);
        Assert.True(diff <= Tolerance, $"{activation} opset {opset}: max |ORT − Torch| = {diff}");
        ModelProto proto = ModelProto.Parser.ParseFrom(model);
        Assert.Equal(opset, proto.OpsetImport[0].Version);
        Assert.Equal("probabilities", Assert.Single(proto.Graph.Output).Name);
    }

    [NativeFact]
    public void Verify_NetworkChangedAfterExport_ReportsTheShiftAndRestoresTrainingMode()
    {
        using SegmentationNetworkScope scope = new(ExportCases.Create("unet-batch-bilinear"));
        byte[] model = OnnxExporter.Export(scope.Network);
        using (torch.no_grad())
        {
            ExportCases.Module<Conv2dLayer>(scope.Network, "head").Bias!.add_(0.5);
        }

        scope.Network.train();
        using Tensor input = ExportCases.Input(1, 1, 32, 32, 9);
        double diff = OnnxExporter.Verify(scope.Network, model, input);
        // Logits shift by exactly the bias change; Verify must see it (and use eval-mode BN, else the gap would differ).
        Assert.InRange(diff, 0.5 - Tolerance, 0.5 + Tolerance);
        Assert.True(scope.Network.training);
    }

    [NativeFact]
    public void Verify_InsideBFloat16ScopeOnChannelsLastNetwork_ComparesInFloat32()
    {
        using SegmentationNetworkScope scope = new(ExportCases.Create("resnet18-repeat-batch-bilinear"));
        ChannelsLast.Apply(scope.Network);
        byte[] model = OnnxExporter.Export(scope.Network, new OnnxExportOptions { FoldBatchNorm = true });
        using Tensor input = ExportCases.Input(1, 1, 64, 64, 6);
        using Tensor nhwc = ChannelsLast.Convert(input);
        double diff;
        // A caller training in bfloat16 may verify from inside its scope; Verify must still compare the float32 network.
        using (ComputePrecision.Use(ScalarType.BFloat16))
        {
            diff = OnnxExporter.Verify(scope.Network, model, nhwc);
            Assert.Equal(ScalarType.BFloat16, ComputePrecision.Current);
        }

        Assert.True(diff <= Tolerance, $"max |ORT − engine| = {diff}");
    }

    [NativeFact]
    public void Export_FoldBatchNorm_LeavesNoBatchNormalizationNodes()
    {
        using SegmentationNetworkScope scope = new(ExportCases.Create("resnet18-average-batch-transpose"));
        ModelProto kept = ModelProto.Parser.ParseFrom(OnnxExporter.Export(scope.Network));
        ModelProto folded = ModelProto.Parser.ParseFrom(OnnxExporter.Export(scope.Network, new OnnxExportOptions { FoldBatchNorm = true }));
        // ResNet-18: stem bn1, 8 blocks × 2, 3 downsample BNs = 20 encoder BNs; decoder 5 blocks × 2 = 10.
        Assert.Equal(30, kept.Graph.Node.Count(n => n.OpType == "BatchNormalization"));
        Assert.DoesNotContain(folded.Graph.Node, n => n.OpType == "BatchNormalization");
        Assert.Equal(kept.Graph.Node.Count(n => n.OpType == "Conv"), folded.Graph.Node.Count(n => n.OpType == "Conv"));
    }

    [NativeFact]
    public void Export_DefaultOptions_WritesSymbolicDimsAndMetadata()
    {
        using SegmentationNetworkScope scope = new(ExportCases.Create("unet-batch-transpose"));
        var options = new OnnxExportOptions
        {
            PreprocessingWindow = "center=40,width=400", PreprocessingNormalization = "minmax", PreprocessingResize = "256x256 bilinear",
            Labels = ["background", "muscle", "fat"], SpacingMm = "0.8x0.8", ExtraMetadata = new Dictionary<string, string> { ["run"] = "arm-3" },
        };
        ModelProto proto = ModelProto.Parser.ParseFrom(OnnxExporter.Export(scope.Network, options));
        Assert.Equal(8, proto.IrVersion);
        Assert.Equal(17, proto.OpsetImport[0].Version);
        var input = Assert.Single(proto.Graph.Input).Type.TensorType.Shape.Dim;
        Assert.Equal(["N", "", "H", "W"], input.Select(d => d.DimParam));
        Assert.Equal(1, input[1].DimValue);
        var outputDims = Assert.Single(proto.Graph.Output).Type.TensorType.Shape.Dim;
        Assert.Equal(3, outputDims[1].DimValue);
        var meta = proto.MetadataProps.ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal("UNet", meta[OnnxExportMetadata.Architecture]);
        Assert.Equal(ExportCases.Configs["unet-batch-transpose"], ModelConfigJson.Deserialize(meta[OnnxExportMetadata.ModelConfig], "test"));
        Assert.Equal("logits", meta[OnnxExportMetadata.Output]);
        Assert.Equal("4", meta[OnnxExportMetadata.RequiredDivisor]);
        Assert.Equal("false", meta[OnnxExportMetadata.FoldedBatchNorm]);
        Assert.Equal("center=40,width=400", meta[OnnxExportMetadata.PreprocessingWindow]);
        Assert.Equal("minmax", meta[OnnxExportMetadata.PreprocessingNormalization]);
        Assert.Equal("256x256 bilinear", meta[OnnxExportMetadata.PreprocessingResize]);
        Assert.Equal("[\"background\",\"muscle\",\"fat\"]", meta[OnnxExportMetadata.Labels]);
        Assert.Equal("0.8x0.8", meta[OnnxExportMetadata.SpacingMm]);
        Assert.Equal("arm-3", meta["run"]);
        Assert.StartsWith("0.1.0", meta[OnnxExportMetadata.Version], StringComparison.Ordinal);
    }

    [NativeFact]
    public void Export_FixedSize_WritesFixedDims()
    {
        using SegmentationNetworkScope scope = new(ExportCases.Create("unet-batch-transpose"));
        var options = new OnnxExportOptions { DynamicBatch = false, DynamicSpatial = false, BatchSize = 2, InputSize = (32, 48) };
        ModelProto proto = ModelProto.Parser.ParseFrom(OnnxExporter.Export(scope.Network, options));
        Assert.Equal([2L, 1, 32, 48], proto.Graph.Input[0].Type.TensorType.Shape.Dim.Select(d => d.DimValue));
        Assert.Equal([2L, 3, 32, 48], proto.Graph.Output[0].Type.TensorType.Shape.Dim.Select(d => d.DimValue));
    }

    [NativeFact]
    public void Export_InconsistentOptions_Throw()
    {
        using SegmentationNetworkScope scope = new(ExportCases.Create("unet-batch-transpose"));
        Assert.Throws<ArgumentException>(() => OnnxExporter.Export(scope.Network, new OnnxExportOptions { Labels = ["a", "b"] }));
        Assert.Throws<ArgumentException>(() => OnnxExporter.Export(scope.Network, new OnnxExportOptions { DynamicSpatial = false }));
        Assert.Throws<ArgumentException>(() => OnnxExporter.Export(scope.Network, new OnnxExportOptions { DynamicSpatial = false, InputSize = (30, 32) }));
        Assert.Throws<ArgumentException>(() => OnnxExporter.Export(scope.Network,
            new OnnxExportOptions { ExtraMetadata = new Dictionary<string, string> { [OnnxExportMetadata.Labels] = "[]" } }));
        Assert.Throws<ArgumentOutOfRangeException>(() => OnnxExporter.Export(scope.Network, new OnnxExportOptions { Opset = 18 }));
    }

    [TorchToolFact("py:onnx")]
    public void Save_EveryFamily_PassesOnnxFullCheck()
    {
        const string script = "import onnx, sys\nfor p in sys.argv[1:]:\n    m = onnx.load(p)\n    onnx.checker.check_model(m, full_check=True)\n" +
                              "    print(p.rsplit('/', 1)[-1], m.ir_version, m.opset_import[0].version)\n";
        string dir = RepoPaths.NewTempDir("mlseg-onnx-export");
        try
        {
            var files = new List<string>();
            foreach (string name in ExportCases.Configs.Keys)
            {
                using SegmentationNetworkScope scope = new(ExportCases.Create(name));
                foreach (bool fold in new[] { false, true })
                {
                    string path = Path.Combine(dir, $"{name}-{(fold ? "folded" : "bn")}.onnx");
                    OnnxExporter.Save(scope.Network, path, new OnnxExportOptions { FoldBatchNorm = fold, OutputActivation = OnnxOutputActivation.Softmax });
                    files.Add(path);
                }
            }

            string[] lines = ExternalTools.Run(ExternalTools.Python, ["-c", script, .. files]).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(files.Select(f => $"{Path.GetFileName(f)} 8 17"), lines.Select(l => l.Trim()));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
