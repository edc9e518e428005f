using MLSeg.Dicom.Codecs;
using MLSeg.Dicom.Imaging;
using MLSeg.TestKit;

namespace MLSeg.Dicom.Tests;

/// <summary>Compresses uncompressed fixtures with dcmtk/gdcm and checks the lossless decodes equal the original pixels exactly.</summary>
public class CodecRoundTripTests
{
    public static TheoryData<string, string, string[], string> LosslessCases()
    {
        var data = new TheoryData<string, string, string[], string>();
        foreach (string source in new[] { "dicom/CT_small.dcm", "dicom/MR_small.dcm", "dicom-extra/SC_rgb_small_odd.dcm" })
        {
            data.Add(source, "dcmcrle", [], "1.2.840.10008.1.2.5");
            data.Add(source, "dcmcjpeg", ["+e1"], "1.2.840.10008.1.2.4.70");
            for (int sv = 2; sv <= 7; sv++)
            {
                data.Add(source, "dcmcjpeg", ["+el", "+sv", sv.ToString(System.Globalization.CultureInfo.InvariantCulture)], "1.2.840.10008.1.2.4.57");
            }

            data.Add(source, "dcmcjpls", [], "1.2.840.10008.1.2.4.80");
            if (!source.Contains("rgb_small_odd", StringComparison.Ordinal))
            {
                // gdcmconv 3.0.21 aborts ("double free or corruption") compressing this 3x3 image to JPEG 2000.
                data.Add(source, "gdcmconv", ["--j2k"], "1.2.840.10008.1.2.4.90");
            }
        }

        return data;
    }

    [ToolFact("dcmcrle", "dcmcjpeg", "dcmcjpls", "gdcmconv")]
    public void GetFrame_LosslessRecompressed_EqualsOriginal()
    {
        int checkedCases = 0;
        foreach (object[] row in LosslessCases())
        {
            string source = (string)row[0], tool = (string)row[1], expectedTs = (string)row[3];
            string[] args = (string[])row[2];
            string input = Fixtures.Path(source);
            string dir = RepoPaths.NewTempDir("mlseg-dicom-codec");
            try
            {
                string output = Path.Combine(dir, "out.dcm");
                ExternalTools.Run(tool, tool == "gdcmconv" ? [.. args, input, output] : [.. args, input, output]);
                DicomFile original = DicomFile.Open(input), compressed = DicomFile.Open(output);
                Assert.Equal(expectedTs, compressed.TransferSyntaxUid);
                double[] expected = DicomPixelData.Create(original).GetFrame(0);
                double[] actual = DicomPixelData.Create(compressed).GetFrame(0);
                Assert.True(expected.AsSpan().SequenceEqual(actual), $"{source} via {tool} {string.Join(' ', args)}: decoded pixels differ from the original");
                checkedCases++;
            }
            finally
            {
                Directory.Delete(dir, recursive: true);
            }
        }

        Assert.Equal(LosslessCases().Count(), checkedCases);
    }

    [ToolFact("dcmcjpeg")]
    public void JpegDctDecoder_Baseline8Bit_AgreesWithLibjpegWithinOne()
    {
        // Our DCT decoder (used for 12-bit) against libturbojpeg on an 8-bit baseline stream: the IDCTs differ only in rounding.
        string dir = RepoPaths.NewTempDir("mlseg-dicom-codec");
        try
        {
            string output = Path.Combine(dir, "baseline.dcm");
            ExternalTools.Run("dcmcjpeg", ["+eb", Fixtures.Path("dicom-extra/image_dfl.dcm"), output]);
            DicomFile file = DicomFile.Open(output);
            Assert.Equal("1.2.840.10008.1.2.4.50", file.TransferSyntaxUid);
            double[] viaTurbo = DicomPixelData.Create(file).GetFrame(0);
            byte[] stream = EncapsulatedFrames.Frame(file, (DicomFragments)file.Dataset.Get(DicomTag.PixelData), 0, 1);
            DecodedFrame ours = JpegDctDecoder.Decode(stream, 512, 512, 1, output);
            Assert.Equal(viaTurbo.Length, ours.Bytes.Length);
            int maxDiff = 0, differing = 0;
            for (int i = 0; i < viaTurbo.Length; i++)
            {
                int d = Math.Abs((int)viaTurbo[i] - ours.Bytes[i]);
                maxDiff = Math.Max(maxDiff, d);
                differing += d > 0 ? 1 : 0;
            }

            Assert.True(maxDiff <= 1, $"max difference {maxDiff}");
            Assert.True(differing < viaTurbo.Length / 20, $"{differing} of {viaTurbo.Length} samples differ");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
