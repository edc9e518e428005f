using MLSeg.Dicom.Imaging;

namespace MLSeg.Dicom.Tests;

public class DicomPixelDataTests
{
    private static DicomFile Synthetic(int rows, int columns, int bitsAllocated, int bitsStored, int pixelRepresentation, byte[] pixels,
        int samples = 1, int planar = 0, string photometric = "MONOCHROME2", int frames = 1, Action<DicomDataset>? extra = null)
    {
        var ds = new DicomDataset("synthetic");
        ds.AddUInt16(DicomTag.SamplesPerPixel, (ushort)samples);
        ds.AddString(DicomTag.PhotometricInterpretation, DicomVR.CS, photometric);
        if (frames > 1)
        {
            ds.AddIntegerString(DicomTag.NumberOfFrames, frames);
        }

        ds.AddUInt16(DicomTag.Rows, (ushort)rows);
        ds.AddUInt16(DicomTag.Columns, (ushort)columns);
        ds.AddUInt16(DicomTag.BitsAllocated, (ushort)bitsAllocated);
        ds.AddUInt16(DicomTag.BitsStored, (ushort)bitsStored);
        ds.AddUInt16(DicomTag.HighBit, (ushort)(bitsStored - 1));
        ds.AddUInt16(DicomTag.PixelRepresentation, (ushort)pixelRepresentation);
        if (samples > 1)
        {
            ds.AddUInt16(DicomTag.PlanarConfiguration, (ushort)planar);
        }

        extra?.Invoke(ds);
        ds.AddBytes(DicomTag.PixelData, bitsAllocated > 8 ? DicomVR.OW : DicomVR.OB, pixels);
        return new DicomFile(new DicomDataset(), ds, DicomTransferSyntax.ExplicitVRLittleEndian, "synthetic");
    }

    public static TheoryData<int, int, int, byte[], double[]> Unpacking => new()
    {
        // BitsAllocated, BitsStored, PixelRepresentation, little-endian bytes, expected stored values (hand-computed).
        { 8, 8, 0, [0, 127, 128, 255], [0, 127, 128, 255] },
        { 8, 8, 1, [0, 127, 128, 255], [0, 127, -128, -1] },
        { 16, 12, 1, [0xFF, 0x0F, 0x00, 0x08, 0xFF, 0x07, 0x01, 0xF0], [-1, -2048, 2047, 1] },   // high 4 bits ignored (0xF001 → 1)
        { 16, 12, 0, [0xFF, 0x0F, 0x00, 0x08, 0xFF, 0x07, 0x01, 0xF0], [4095, 2048, 2047, 1] },
        { 16, 16, 1, [0x00, 0x80, 0xFF, 0x7F, 0xFF, 0xFF, 0x01, 0x00], [-32768, 32767, -1, 1] },
        { 32, 32, 0, [.. BitConverter.GetBytes(4000000000u), .. BitConverter.GetBytes(1u), .. BitConverter.GetBytes(0u), .. BitConverter.GetBytes(7u)], [4000000000, 1, 0, 7] },
        { 32, 32, 1, [.. BitConverter.GetBytes(-5), .. BitConverter.GetBytes(int.MinValue), .. BitConverter.GetBytes(0), .. BitConverter.GetBytes(9)], [-5, int.MinValue, 0, 9] },
        { 1, 1, 0, [0b0000_1001], [1, 0, 0, 1] },  // bit 0 is the first pixel (PS3.5 §8.1.1)
    };

    [Theory]
    [MemberData(nameof(Unpacking))]
    public void GetFrame_BitDepths_SignExtendsAndMasks(int bitsAllocated, int bitsStored, int pixelRepresentation, byte[] bytes, double[] expected)
    {
        DicomPixelData px = DicomPixelData.Create(Synthetic(2, 2, bitsAllocated, bitsStored, pixelRepresentation, bytes));
        Assert.Equal(expected, px.GetFrame(0));
    }

    [Fact]
    public void GetFrame_OneBitMultiFrame_FramesContinueMidByte()
    {
        // Three 1×3 frames packed into 9 bits: frame 1 starts at bit 3 of byte 0.
        DicomPixelData px = DicomPixelData.Create(Synthetic(1, 3, 1, 1, 0, [0b1011_1000, 0b0000_0001], frames: 3));
        Assert.Equal([0.0, 0, 0], px.GetFrame(0));
        Assert.Equal([1.0, 1, 1], px.GetFrame(1));
        Assert.Equal([0.0, 1, 1], px.GetFrame(2));
    }

    [Theory]
    [InlineData(0, new byte[] { 1, 2, 3, 4, 5, 6 })]
    [InlineData(1, new byte[] { 1, 4, 2, 5, 3, 6 })]
    public void GetFrame_RgbPlanarOrInterleaved_ReturnsChannelMajor(int planar, byte[] bytes)
    {
        // Two pixels (R,G,B) = (1,2,3) and (4,5,6); output is (C, Y, X): R1 R2 G1 G2 B1 B2.
        DicomPixelData px = DicomPixelData.Create(Synthetic(1, 2, 8, 8, 0, bytes, samples: 3, planar: planar == 0 ? 0 : 1, photometric: "RGB"));
        Assert.Equal([1.0, 4, 2, 5, 3, 6], px.GetFrame(0));
    }

    [Fact]
    public void GetFrame_YbrFull422_ExpandsChroma()
    {
        // Y1 Y2 Cb Cr for a 1×2 image → pixels (10,100,200) and (20,100,200).
        DicomPixelData px = DicomPixelData.Create(Synthetic(1, 2, 8, 8, 0, [10, 20, 100, 200], samples: 3, photometric: "YBR_FULL_422"));
        Assert.Equal([10.0, 20, 100, 100, 200, 200], px.GetFrame(0));
    }

    [Fact]
    public void GetFrame_ShortPixelData_ThrowsWithSizes()
    {
        DicomPixelData px = DicomPixelData.Create(Synthetic(2, 2, 16, 16, 0, [1, 2, 3, 4, 5, 6]));
        var ex = Assert.Throws<DicomFormatException>(() => px.GetFrame(0));
        Assert.Contains("holds 6 bytes", ex.Message, StringComparison.Ordinal);
        Assert.Contains("needs 8", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GetImage_EnhancedFunctionalGroups_PerFrameRescaleOverridesShared()
    {
        static DicomDataset Rescale(double slope, double intercept)
        {
            var pvt = new DicomDataset();
            pvt.AddDecimalString(DicomTag.RescaleSlope, slope);
            pvt.AddDecimalString(DicomTag.RescaleIntercept, intercept);
            var group = new DicomDataset();
            group.AddSequence(DicomTag.PixelValueTransformationSequence, pvt);
            return group;
        }

        DicomFile file = Synthetic(1, 2, 8, 8, 0, [1, 2, 3, 4], frames: 2, extra: ds =>
        {
            DicomDataset shared = Rescale(2, -5);
            var measures = new DicomDataset();
            measures.AddDecimalString(DicomTag.PixelSpacing, 0.5, 0.25);
            shared.AddSequence(DicomTag.PixelMeasuresSequence, measures);
            ds.AddSequence(DicomTag.SharedFunctionalGroupsSequence, shared);
            ds.AddSequence(DicomTag.PerFrameFunctionalGroupsSequence, new DicomDataset(), Rescale(10, 0));
        });
        DicomPixelData px = DicomPixelData.Create(file);
        Assert.Equal([-3f, -1f], px.GetImage(0).Data);   // shared: 2·v − 5
        Assert.Equal([30f, 40f], px.GetImage(1).Data);   // per-frame: 10·v
        Assert.Equal(0.25, px.GetImage(0).SpacingMm.ColumnMm);
        DicomStatistics s = DicomStatistics.Compute(file);
        Assert.Equal((-3.0, 40.0), (s.ModMin!.Value, s.ModMax!.Value));
    }

    [Fact]
    public void DecodeRescaledFrame_SixteenBitTwoFrames_MasksSignExtendsAndRescalesEachFrame()
    {
        // Two 1×2 frames of 12-bit signed words with junk in the high nibble: 0xF001 → 1, 0x0800 → −2048,
        // 0x07FF → 2047, 0xAFFF → −1; RescaleSlope 0.5, RescaleIntercept −1024 (hand-computed below).
        DicomFile file = Synthetic(1, 2, 16, 12, 1, [0x01, 0xF0, 0x00, 0x08, 0xFF, 0x07, 0xFF, 0xAF], frames: 2, extra: ds =>
        {
            ds.AddDecimalString(DicomTag.RescaleSlope, 0.5);
            ds.AddDecimalString(DicomTag.RescaleIntercept, -1024);
        });
        DicomPixelData px = DicomPixelData.Create(file);
        var buffer = new float[3];
        px.DecodeRescaledFrame(1, buffer);
        Assert.Equal([-0.5f, -1024.5f, 0f], buffer);   // 2047·0.5 − 1024, −1·0.5 − 1024; the third element is untouched
        px.DecodeRescaledFrame(0, buffer);
        Assert.Equal([-1023.5f, -2048f, 0f], buffer);
        Assert.Equal([-1023.5f, -2048f], px.GetImage(0).Data);
    }

    [Fact]
    public void DecodeRescaledFrame_ShortDestination_Throws()
    {
        DicomPixelData px = DicomPixelData.Create(Synthetic(1, 2, 16, 16, 1, [1, 0, 2, 0]));
        Assert.Throws<ArgumentOutOfRangeException>(() => px.DecodeRescaledFrame(0, new float[1]));
    }

    [Fact]
    public void Create_UnsupportedBitsAllocated_Throws()
    {
        var ex = Assert.Throws<DicomFormatException>(() => DicomPixelData.Create(Synthetic(1, 1, 12, 12, 0, [0, 0])));
        Assert.Equal(DicomTag.BitsAllocated, ex.Tag);
    }

    [Fact]
    public void Decode_UnsupportedTransferSyntax_NamesUidAndName()
    {
        DicomFile plain = Synthetic(1, 1, 8, 8, 0, [0, 0]);
        var fragments = new DicomFragments(DicomTag.PixelData, DicomVR.OB, [], [new byte[] { 0, 0 }]);
        plain.Dataset.Add(fragments);
        var file = new DicomFile(plain.FileMetaInformation, plain.Dataset, DicomTransferSyntax.Lookup("1.2.840.10008.1.2.4.100"), "synthetic");
        var ex = Assert.Throws<DicomFormatException>(() => DicomPixelData.Create(file).GetFrame(0));
        Assert.Contains("1.2.840.10008.1.2.4.100 (MPEG2 Main Profile / Main Level)", ex.Message, StringComparison.Ordinal);
    }
}
