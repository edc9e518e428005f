using System.Globalization;
using System.Text.Json;
using MLSeg.Core.Imaging;
using MLSeg.Dicom;
using MLSeg.Dicom.Seg;
using MLSeg.IO;
using MLSeg.Onnx.Export;
using MLSeg.Prediction;
using MLSeg.Synthetic.Manifest;
using MLSeg.TestKit;

namespace MLSeg.Tests;

public sealed class PredictionTests(PredictionFixture fixture) : IClassFixture<PredictionFixture>
{
    private const int Patients = 4, SizePx = 32;

    [PredictionFact]
    public void Run_DicomFolderAsSeg_WritesOneSegPerImageReferencingItsSource()
    {
        string outDir = fixture.NewOutputDir("seg");
        PredictionResult result = PredictionRunner.Run(fixture.CheckpointPath, fixture.CohortDir, outDir, MaskFormat.Seg);

        Assert.Empty(result.Failures);
        Assert.Equal("libtorch", result.Engine);
        Assert.Equal(Patients, result.Images.Count); // the cohort's PNG masks and manifest are not DICOM and are left out
        using Predictor predictor = Predictor.Open(fixture.CheckpointPath);
        foreach (PredictedImage image in result.Images)
        {
            DicomSegmentation seg = DicomSegmentation.Read(DicomFile.Open(image.MaskPath));
            string sourceUid = DicomFile.Open(image.Input.Path).Dataset.GetString(DicomTag.SOPInstanceUID);
            Assert.Equal((SizePx, SizePx), (seg.Rows, seg.Columns));
            Assert.All(seg.Frames, f => Assert.Equal(sourceUid, f.ReferencedSopInstanceUid));

            // The SEG holds exactly the mask the predictor gives on the source grid.
            LabelMap expected = predictor.Predict(MaskFiles.Readers.Load(image.Input.Path).AsImage2D());
            var fromSeg = new byte[SizePx * SizePx];
            foreach (DicomSegmentFrame frame in seg.Frames)
            {
                for (int i = 0; i < fromSeg.Length; i++)
                {
                    fromSeg[i] = frame.Mask[i] >= 0.5f ? (byte)frame.SegmentNumber : fromSeg[i];
                }
            }

            Assert.Equal(expected.Labels, fromSeg);
        }

        // Not a trivial model: some image has both background and foreground.
        Assert.Contains(result.Images, i => i.ForegroundPixels is > 0 and < SizePx * SizePx);
    }

    [PredictionFact(Tools = ["py:pydicom"])]
    public void Run_DicomFolderAsSeg_PydicomReadsSizeAndReferencedSopInstanceUid()
    {
        string outDir = fixture.NewOutputDir("seg-pydicom");
        PredictionResult result = PredictionRunner.Run(fixture.CheckpointPath, fixture.CohortDir, outDir);
        Assert.Equal(MaskFormat.Seg, result.Format); // the default for DICOM input
        Assert.Empty(result.Failures);
        const string script = """
            import json, sys, pydicom
            out = []
            for seg_path, src_path in zip(sys.argv[1::2], sys.argv[2::2]):
                seg = pydicom.dcmread(seg_path)
                src = pydicom.dcmread(src_path)
                refs = [f.DerivationImageSequence[0].SourceImageSequence[0].ReferencedSOPInstanceUID for f in seg.PerFrameFunctionalGroupsSequence]
                out.append({"rows": int(seg.Rows), "cols": int(seg.Columns), "frames": int(seg.NumberOfFrames),
                            "pixels": int(seg.pixel_array.size), "refs": [str(r) for r in refs], "source": str(src.SOPInstanceUID),
                            "sopClass": str(seg.SOPClassUID)})
            print(json.dumps(out))
            """;
        string json = ExternalTools.RunPython(script, [.. result.Images.SelectMany(i => new[] { i.MaskPath, i.Input.Path })]);
        using var document = JsonDocument.Parse(json);
        Assert.Equal(Patients, document.RootElement.GetArrayLength());
        foreach (JsonElement seg in document.RootElement.EnumerateArray())
        {
            Assert.Equal(DicomSegmentation.SegmentationStorage, seg.GetProperty("sopClass").GetString());
            Assert.Equal(SizePx, seg.GetProperty("rows").GetInt32());
            Assert.Equal(SizePx, seg.GetProperty("cols").GetInt32());
            Assert.Equal(seg.GetProperty("frames").GetInt32() * SizePx * SizePx, seg.GetProperty("pixels").GetInt32());
            string source = seg.GetProperty("source").GetString()!;
            Assert.All(seg.GetProperty("refs").EnumerateArray(), r => Assert.Equal(source, r.GetString()));
        }
    }

    [PredictionFact]
    public void Open_CudaOnCpuBuild_FailsNamingTheGpuBuildNotACpuRun()
    {
        var onnx = Assert.Throws<MLSeg.Core.Errors.NativeEngineException>(() => Predictor.Open(fixture.OnnxPath, gpuDeviceId: 0));
        Assert.Contains("Microsoft.ML.OnnxRuntime.Gpu.Linux", onnx.Message, StringComparison.Ordinal);
        var checkpoint = Assert.Throws<ArgumentException>(() => Predictor.Open(fixture.CheckpointPath, gpuDeviceId: 0));
        Assert.Contains(".onnx models only", checkpoint.Message, StringComparison.Ordinal);
    }

    [PredictionFact]
    public void Predict_OnnxExportAndCheckpoint_GiveTheSameMasks()
    {
        using Predictor torch = Predictor.Open(fixture.CheckpointPath);
        using Predictor onnx = Predictor.Open(fixture.OnnxPath);
        Assert.Equal(("libtorch", "onnxruntime"), (torch.Engine, onnx.Engine));
        Assert.Equal(torch.Preprocessing, onnx.Preprocessing);
        int differing = 0, total = 0;
        foreach (PredictionInput input in PredictionInput.Resolve(fixture.CohortDir))
        {
            Image2D image = MaskFiles.Readers.Load(input.Path).AsImage2D();
            byte[] a = torch.Predict(image).Labels, b = onnx.Predict(image).Labels;
            differing += a.Zip(b).Count(p => p.First != p.Second);
            total += a.Length;
        }

        // Logits agree to ~1e-5 (OnnxExporter.VerifyTolerance 1e-4), so only a near-tie could flip a label: allow 0.5 %.
        Assert.InRange(differing, 0, total / 200);
    }

    [PredictionFact]
    public void Run_Measures_WritesL3ColumnsWithAreaEqualToMaskPixelsTimesSpacing()
    {
        string outDir = fixture.NewOutputDir("measures");
        PredictionResult result = PredictionRunner.Run(fixture.CheckpointPath, fixture.ManifestPath, outDir, MaskFormat.Png, measures: true);
        Assert.Empty(result.Failures);
        Assert.Equal(Patients, result.Images.Count); // manifest rows share images across observers: each image once

        string[] lines = File.ReadAllLines(result.MeasuresPath!);
        Assert.Equal("file,muscle_area_cm2,mean_hu,imat_cm2", lines[0]);
        Assert.Equal(Patients + 1, lines.Length);
        foreach (string line in lines.Skip(1))
        {
            string[] cells = line.Split(',');
            PredictedImage image = Assert.Single(result.Images, i => i.Input.Name == cells[0]);
            Image2D hu = MaskFiles.Readers.Load(image.Input.Path).AsImage2D();
            LabelMap mask = MaskFiles.Load(image.MaskPath);
            int muscle = mask.Count(1);
            double expectedArea = muscle * hu.SpacingMm.RowMm * hu.SpacingMm.ColumnMm / 100;
            double sumHu = hu.Data.Where((_, i) => mask.Labels[i] == 1).Sum(v => (double)v);
            Assert.Equal(expectedArea, double.Parse(cells[1], CultureInfo.InvariantCulture), 1e-9);
            Assert.Equal(muscle == 0 ? double.NaN : sumHu / muscle, double.Parse(cells[2], CultureInfo.InvariantCulture), 1e-6);
            Assert.InRange(double.Parse(cells[3], CultureInfo.InvariantCulture), 0, expectedArea);
        }
    }

    [PredictionFact]
    public void PseudoLabel_Manifest_WritesReadableManifestWhoseMasksLoad()
    {
        string outDir = fixture.NewOutputDir("pseudo");
        PseudoLabelResult result = PseudoLabeler.Run(fixture.CheckpointPath, fixture.ManifestPath, outDir);

        CohortManifest original = CohortManifest.Read(fixture.ManifestPath);
        CohortManifest labelled = CohortManifest.Read(result.ManifestPath);
        Assert.Equal(Patients, labelled.Rows.Count);
        Assert.Equal(Patients, result.DroppedObserverRows); // one observer per patient in the fixture cohort
        using Predictor predictor = Predictor.Open(fixture.CheckpointPath);
        foreach (ManifestRow row in labelled.Rows)
        {
            ManifestRow source = Assert.Single(original.Rows, r => r.Observer is null && r.PatientId == row.PatientId);
            string image = Path.GetFullPath(Path.Combine(outDir, row.Image));
            Assert.Equal(File.ReadAllBytes(Path.Combine(fixture.CohortDir, source.Image)), File.ReadAllBytes(image)); // a copy of the source
            Assert.Equal(source with { Mask = row.Mask, MuscleAreaCm2 = null }, row);
            LabelMap mask = MaskFiles.Load(Path.Combine(outDir, row.Mask));
            Assert.Equal(predictor.Predict(MaskFiles.Readers.Load(image).AsImage2D()).Labels, mask.Labels);
        }
    }

    [PredictionFact]
    public void Open_CheckpointWithoutWindow_ThrowsNamingModelAndKey()
    {
        using var generator = new TorchSharp.torch.Generator(1UL);
        using var network = MLSeg.Models.ModelFactory.Create(PredictionFixture.Config, generator);
        var metadata = new Dictionary<string, string>(PredictionFixture.Metadata);
        metadata.Remove(OnnxExportMetadata.PreprocessingWindow);
        string path = ModelCheckpoint.Save(network, PredictionFixture.Config, Path.Combine(fixture.NewOutputDir("nowindow"), "c.safetensors"), metadata);

        var e = Assert.Throws<ModelMetadataException>(() => Predictor.Open(path));
        Assert.Equal(OnnxExportMetadata.PreprocessingWindow, e.Key);
        Assert.Equal(path, e.Model);
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.Contains(OnnxExportMetadata.PreprocessingWindow, e.Message, StringComparison.Ordinal);
    }
}
