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
        foreach (string source in new[] { "dicom/CT_small.dcm", "dicom/MR_small.dcm", "dicom-extra/SC_rgb_small_odd.dcm", "dicom/emri_small.dcm" })
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
                DicomPixelData a = DicomPixelData.Create(original), b = DicomPixelData.Create(compressed);
                Assert.Equal(a.NumberOfFrames, b.NumberOfFrames);
                for (int f = 0; f < a.NumberOfFrames; f++)
                {
                    // Multi-frame sources (emri_small, 10 frames) exercise the offset table / one-fragment-per-frame lookup.
                    Assert.True(a.GetFrame(f).AsSpan().SequenceEqual(b.GetFrame(f)), $"{source} via {tool} {string.Join(' ', args)}: frame {f} differs from the original");
                }

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

    [ToolFact("dcmcrle")]
    public void GetFrame_ExtendedOffsetTableInsteadOfBasic_DecodesEveryFrame()
    {
        string dir = RepoPaths.NewTempDir("mlseg-dicom-codec");
        try
        {
            string output = Path.Combine(dir, "rle.dcm");
            ExternalTools.Run("dcmcrle", [Fixtures.Path("dicom/emri_small.dcm"), output]);
            DicomFile rle = DicomFile.Open(output);
            var fragments = (DicomFragments)rle.Dataset.Get(DicomTag.PixelData);
            Assert.Equal(10, fragments.Fragments.Count);

            // Replace the Basic Offset Table by an Extended one (PS3.5 A.4: 64-bit offsets and lengths per frame).
            var offsets = new byte[8 * fragments.Fragments.Count];
            var lengths = new byte[8 * fragments.Fragments.Count];
            long position = 0;
            for (int i = 0; i < fragments.Fragments.Count; i++)
            {
                BitConverter.TryWriteBytes(offsets.AsSpan(8 * i), (ulong)position);
                BitConverter.TryWriteBytes(lengths.AsSpan(8 * i), (ulong)fragments.Fragments[i].Length);
                position += 8 + fragments.Fragments[i].Length;
            }

            rle.Dataset.Add(new DicomFragments(DicomTag.PixelData, DicomVR.OB, [], fragments.Fragments));
            rle.Dataset.AddBytes(DicomTag.ExtendedOffsetTable, DicomVR.OV, offsets);
            rle.Dataset.AddBytes(DicomTag.ExtendedOffsetTableLengths, DicomVR.OV, lengths);
            DicomPixelData expected = DicomPixelData.Create(DicomFile.Open(Fixtures.Path("dicom/emri_small.dcm")));
            DicomPixelData actual = DicomPixelData.Create(rle);
            for (int f = 0; f < 10; f++)
            {
                Assert.Equal(expected.GetFrame(f), actual.GetFrame(f));
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
