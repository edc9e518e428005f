using MLSeg.Core.Randomness;
using MLSeg.Dicom;
using MLSeg.Dicom.Imaging;
using MLSeg.ImageIO.Png;
using MLSeg.Synthetic.Ct;
using MLSeg.Synthetic.Manifest;
using MLSeg.Synthetic.Mr;
using MLSeg.Synthetic.Writing;
using MLSeg.TestKit;

namespace MLSeg.Synthetic.Tests;

public class DicomPngCohortWriterTests
{
    [Fact]
    public void L3Cohort_EveryRowResolvesToImageAndMaskOfTheSameSize_WithHuPreserved()
    {
        string dir = RepoPaths.NewTempDir();
        try
        {
            var options = new L3CtOptions { SizePx = 48, Observers = 2 };
            CohortManifest manifest = new CohortGenerator(new DicomPngCohortWriter()).GenerateL3Ct(dir, 3, new SeedSource(5), options);
            CohortManifest reread = CohortManifest.Read(Path.Combine(dir, CohortGenerator.ManifestFileName));
            Assert.Equal(manifest.Rows.Count, reread.Rows.Count);
            Assert.Equal(9, reread.Rows.Count); // 3 patients × (truth + 2 observers)
            var phantom = new L3CtPhantom(options);
            foreach (ManifestRow row in reread.Rows)
            {
                DicomFile file = DicomFile.Open(Path.Combine(dir, row.Image));
                var image = DicomPixelData.Create(file).GetImage(0);
                var mask = PngReader.ReadLabels(Path.Combine(dir, row.Mask));
                Assert.Equal((image.Height, image.Width), (mask.Height, mask.Width));
                Assert.Equal(row.PatientId, file.Dataset.GetString(DicomTag.PatientID));
                int index = int.Parse(row.PatientId[^4..], System.Globalization.CultureInfo.InvariantCulture) - 1;
                L3CtCase expected = phantom.Generate(new SeedSource(5), index);
                Assert.Equal(expected.Image.Data, image.Data); // whole-number HU survive int16 + RescaleIntercept exactly
            }
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [ToolFact("dcmdump", "py:pydicom")]
    public void Cohorts_EveryDicomFile_IsReadByDcmdumpAndPydicom()
    {
        string dir = RepoPaths.NewTempDir();
        try
        {
            var generator = new CohortGenerator(new DicomPngCohortWriter());
            generator.GenerateL3Ct(Path.Combine(dir, "l3"), 2, new SeedSource(1), new L3CtOptions { SizePx = 32 });
            generator.GenerateCardiacCine(Path.Combine(dir, "cine"), 1, new SeedSource(2),
                new CardiacCineOptions { SizePx = 32, Slices = 2, Frames = 4, Field = FieldStrength.T7 });
            string[] files = Directory.GetFiles(dir, "*.dcm", SearchOption.AllDirectories);
            Assert.True(files.Length >= 2 + 8, $"expected ≥ 10 DICOM files, found {files.Length}");
            foreach (string f in files)
            {
                string dump = ExternalTools.Run("dcmdump", [f]);
                Assert.Contains("(7fe0,0010)", dump, StringComparison.Ordinal);
            }

            string report = ExternalTools.RunPython("""
                import sys, pydicom
                n = 0
                for f in sys.argv[1:]:
                    d = pydicom.dcmread(f)
                    a = d.pixel_array
                    assert a.shape == (d.Rows, d.Columns), f
                    assert d.Modality in ("CT", "MR"), f
                    n += 1
                print(n)
                """, files);
            Assert.Equal(files.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), report.Trim());
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
