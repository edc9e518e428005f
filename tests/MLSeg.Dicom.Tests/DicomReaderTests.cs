using System.Text;
using System.Text.Json;
using MLSeg.Dicom.Imaging;
using MLSeg.TestKit;

namespace MLSeg.Dicom.Tests;

public class DicomReaderTests
{
    [FixtureFact]
    public void Open_CtSmall_ReadsTypedValues()
    {
        // Values as printed by dcmdump/pydicom for CT_small.dcm.
        DicomFile file = DicomFile.Open(Fixtures.Path("dicom/CT_small.dcm"));
        DicomDataset ds = file.Dataset;
        Assert.Equal("1.2.840.10008.1.2.1", file.TransferSyntaxUid);
        Assert.Equal(-1024.0, ds.GetDouble(DicomTag.RescaleIntercept));
        Assert.Equal(1.0, ds.GetDouble(DicomTag.RescaleSlope));
        Assert.Equal([0.661468, 0.661468], ds.GetDoubles(DicomTag.PixelSpacing));
        Assert.Equal([-158.135803, -179.035797, -75.699997], ds.GetDoubles(DicomTag.ImagePositionPatient));
        Assert.Equal(128, ds.GetInt32(DicomTag.Rows));
        Assert.Equal("CompressedSamples^CT1", ds.GetString(DicomTag.PatientName));
        Assert.Equal("1.3.6.1.4.1.5962.1.3.1.1.20040119072730.12322", ds.GetString(DicomTag.SeriesInstanceUID));
        Assert.Equal(DicomVR.DS, ds.Get(DicomTag.RescaleIntercept).VR);
    }

    public static TheoryData<string> MrVariants => new()
    {
        "dicom/MR_small_implicit.dcm",
        "dicom/MR_small_bigendian.dcm",
        "dicom/MR_small_RLE.dcm",
        "dicom-extra/MR_small_jpeg_ls_lossless.dcm",
        "dicom-extra/MR_small_jp2klossless.dcm",
    };

    [FixtureTheory]
    [MemberData(nameof(MrVariants))]
    public void GetFrame_MrSmallVariant_EqualsExplicitLittleEndianPixels(string relative)
    {
        double[] expected = DicomPixelData.Create(DicomFile.Open(Fixtures.Path("dicom/MR_small.dcm"))).GetFrame(0);
        DicomFile file = DicomFile.Open(Fixtures.Path(relative));
        Assert.Equal([0.3125, 0.3125], file.Dataset.GetDoubles(DicomTag.PixelSpacing));
        Assert.Equal("CompressedSamples^MR1", file.Dataset.GetString(DicomTag.PatientName));
        Assert.Equal(expected, DicomPixelData.Create(file).GetFrame(0));
    }

    [FixtureFact]
    public void Open_Deflated_InflatesDataset()
    {
        DicomFile file = DicomFile.Open(Fixtures.Path("dicom-extra/image_dfl.dcm"));
        Assert.True(file.TransferSyntax.IsDeflated);
        Assert.Equal(512, file.Dataset.GetInt32(DicomTag.Rows));
        Assert.Equal("^^^^", file.Dataset.GetString(DicomTag.PatientName));
    }

    [FixtureFact]
    public void Open_Truncated_ThrowsWithOffsetAndTag()
    {
        var ex = Assert.Throws<DicomFormatException>(() => DicomFile.Open(Fixtures.Path("dicom-extra/MR_truncated.dcm")));
        Assert.Equal(DicomTag.PixelData, ex.Tag);
        Assert.True(ex.Offset > 0);
        Assert.Contains("exceeds", ex.Message, StringComparison.Ordinal);
        Assert.Contains("MR_truncated.dcm", ex.Message, StringComparison.Ordinal);
    }

    [ToolFact("py:pydicom")]
    public void Open_Fixtures_TopLevelTextEqualsPydicom()
    {
        string[] files = ["dicom/CT_small.dcm", "dicom/MR_small_bigendian.dcm", "dicom/rtstruct.dcm", "dicom/emri_small.dcm", "dicom-extra/bad_sequence.dcm"];
        const string script = """
import json, sys, pydicom
out = {}
for path in sys.argv[1:]:
    ds = pydicom.dcmread(path, force=True)
    vals = {}
    for el in ds:
        if el.VR in ('CS', 'LO', 'SH', 'PN', 'UI', 'DA', 'TM', 'DS', 'IS') and el.value is not None and el.VM >= 1:
            v = el.value
            vals[f'{el.tag:08X}'] = '\\'.join(str(x) for x in v) if el.VM > 1 else str(v)
    out[path] = vals
print(json.dumps(out))
""";
        string[] paths = files.Select(Fixtures.Path).ToArray();
        using var doc = JsonDocument.Parse(ExternalTools.RunPython(script, paths));
        int compared = 0;
        foreach (string path in paths)
        {
            DicomDataset ds = DicomFile.Open(path).Dataset;
            foreach (JsonProperty p in doc.RootElement.GetProperty(path).EnumerateObject())
            {
                DicomTag tag = DicomTag.FromValue(Convert.ToUInt32(p.Name, 16));
                DicomElement e = ds.Get(tag);
                string ours = string.Join('\\', e.GetTexts());
                string theirs = p.Value.GetString()!;
                if (e.VR is DicomVR.DS or DicomVR.IS)
                {
                    Assert.Equal(e.GetDoubles(), theirs.Split('\\').Select(t => double.Parse(t, System.Globalization.CultureInfo.InvariantCulture)).ToArray());
                }
                else
                {
                    Assert.Equal(theirs, ours);
                }

                compared++;
            }
        }

        Assert.True(compared > 100, $"only {compared} values compared");
    }

    [Fact]
    public void Read_UndefinedLengthSequenceAndItems_ParsesNested()
    {
        var inner = new DicomBytes().Text(0x0008, 0x0100, "SH", "121327").ToArray();
        byte[] dataset = new DicomBytes()
            .Text(0x0008, 0x0060, "CS", "CT")
            .Header(0x0008, 0x9215, "SQ", uint.MaxValue)
            .Item(0xE000, uint.MaxValue).Raw(0x0008, 0x0100, "SH", Encoding.ASCII.GetBytes("ABCD")).Item(0xE00D, 0)
            .Item(0xE000, (uint)inner.Length).Raw(0x0008, 0x0100, "SH", Encoding.ASCII.GetBytes("121327"))
            .Item(0xE0DD, 0)
            .UInt16(0x0028, 0x0010, 7)
            .ToArray();
        DicomFile file = DicomFile.Read(DicomBytes.Part10("1.2.840.10008.1.2.1", dataset), "synthetic");
        DicomSequence seq = file.Dataset.GetSequence(new DicomTag(0x0008, 0x9215));
        Assert.Equal(2, seq.Items.Count);
        Assert.Equal("ABCD", seq.Items[0].GetString(new DicomTag(0x0008, 0x0100)));
        Assert.Equal("121327", seq.Items[1].GetString(new DicomTag(0x0008, 0x0100)));
        Assert.Equal(7, file.Dataset.GetInt32(DicomTag.Rows));
    }

    [Fact]
    public void Read_ImplicitDefinedLengthSequence_UsesDictionaryVR()
    {
        byte[] item = new DicomBytes(explicitVR: false).Text(0x0008, 0x1155, "UI", "1.2.3.4").ToArray();
        byte[] dataset = new DicomBytes(explicitVR: false)
            .Header(0x0008, 0x1140, "SQ", (uint)(item.Length + 8)).Item(0xE000, (uint)item.Length)
            .Text(0x0008, 0x1155, "UI", "1.2.3.4")
            .Text(0x0028, 0x0030, "DS", "0.5\\0.25")
            .ToArray();
        DicomFile file = DicomFile.Read(DicomBytes.Part10("1.2.840.10008.1.2", dataset), "synthetic");
        Assert.Equal("1.2.3.4", file.Dataset.GetSequence(new DicomTag(0x0008, 0x1140)).Items[0].GetString(DicomTag.ReferencedSOPInstanceUID));
        Assert.Equal([0.5, 0.25], file.Dataset.GetDoubles(DicomTag.PixelSpacing));
        Assert.Equal(DicomVR.DS, file.Dataset.Get(DicomTag.PixelSpacing).VR);
    }

    [Fact]
    public void Read_UndefinedLengthUN_ParsedAsImplicitSequence()
    {
        // PS3.5 §6.2.2: the item's contents are implicit VR (tag + 4-byte length) even inside an explicit VR file.
        byte[] implicitItem = new DicomBytes(explicitVR: false).Text(0x0008, 0x0100, "SH", "XY").ToArray();
        byte[] fixedDataset = new DicomBytes().Header(0x0018, 0x9346, "UN", uint.MaxValue).Item(0xE000, (uint)implicitItem.Length).ToArray()
            .Concat(implicitItem).Concat(new DicomBytes().Item(0xE0DD, 0).ToArray()).ToArray();
        DicomFile file = DicomFile.Read(DicomBytes.Part10("1.2.840.10008.1.2.1", fixedDataset), "synthetic");
        Assert.Equal("XY", file.Dataset.GetSequence(new DicomTag(0x0018, 0x9346)).Items[0].GetString(new DicomTag(0x0008, 0x0100)));
    }

    public static TheoryData<string, byte[], string> CharacterSets => new()
    {
        { "", Encoding.ASCII.GetBytes("Smith^John"), "Smith^John" },
        { "ISO_IR 100", Encoding.Latin1.GetBytes("Buc^Jérôme"), "Buc^Jérôme" },
        { "ISO_IR 192", Encoding.UTF8.GetBytes("Wang^XiaoDong=王^小東"), "Wang^XiaoDong=王^小東" },
    };

    [Theory]
    [MemberData(nameof(CharacterSets))]
    public void GetString_SpecificCharacterSet_DecodesPersonName(string charset, byte[] encoded, string expected)
    {
        var b = new DicomBytes();
        if (charset.Length > 0)
        {
            b.Text(0x0008, 0x0005, "CS", charset);
        }

        byte[] padded = encoded.Length % 2 == 1 ? [.. encoded, (byte)' '] : encoded;
        b.Raw(0x0010, 0x0010, "PN", padded);
        DicomFile file = DicomFile.Read(DicomBytes.Part10("1.2.840.10008.1.2.1", b.ToArray()), "synthetic");
        Assert.Equal(expected, file.Dataset.GetString(DicomTag.PatientName));
    }

    [Fact]
    public void Read_UnsupportedCharacterSet_ThrowsNamingIt()
    {
        byte[] ds = new DicomBytes().Text(0x0008, 0x0005, "CS", "ISO 2022 IR 87").ToArray();
        var ex = Assert.Throws<DicomFormatException>(() => DicomFile.Read(DicomBytes.Part10("1.2.840.10008.1.2.1", ds), "synthetic"));
        Assert.Contains("ISO 2022 IR 87", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_LengthBeyondEnd_ThrowsBeforeAllocating()
    {
        byte[] ds = new DicomBytes().Raw(0x0010, 0x0010, "UT", [], lengthOverride: 0x7FFFFFF0).ToArray();
        var ex = Assert.Throws<DicomFormatException>(() => DicomFile.Read(DicomBytes.Part10("1.2.840.10008.1.2.1", ds), "synthetic"));
        Assert.Contains("exceeds the 0 bytes", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_UndefinedLengthOnNonSequence_Throws()
    {
        byte[] ds = new DicomBytes().Raw(0x0010, 0x0010, "UT", [], lengthOverride: uint.MaxValue).ToArray();
        var ex = Assert.Throws<DicomFormatException>(() => DicomFile.Read(DicomBytes.Part10("1.2.840.10008.1.2.1", ds), "synthetic"));
        Assert.Contains("undefined length", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NestingBeyondLimit_Throws()
    {
        var b = new DicomBytes();
        for (int i = 0; i < DicomReader.MaxDepth + 5; i++)
        {
            b.Header(0x0008, 0x1140, "SQ", uint.MaxValue).Item(0xE000, uint.MaxValue);
        }

        var ex = Assert.Throws<DicomFormatException>(() => DicomFile.Read(DicomBytes.Part10("1.2.840.10008.1.2.1", b.ToArray()), "synthetic"));
        Assert.Contains("deeper than", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dictionary_KnownTags_KeywordAndVR()
    {
        Assert.Equal("RescaleIntercept", DicomDictionary.Keyword(DicomTag.RescaleIntercept));
        Assert.Equal(DicomVR.DS, DicomDictionary.VR(DicomTag.PixelSpacing));
        Assert.Equal(DicomVR.SQ, DicomDictionary.VR(DicomTag.PerFrameFunctionalGroupsSequence));
        Assert.Equal(DicomTag.PixelData, DicomDictionary.TagOf("PixelData"));
        Assert.Equal(DicomVR.LO, DicomDictionary.VR(new DicomTag(0x0029, 0x0010)));
        Assert.True(DicomDictionary.Count > 4000);
    }
}
