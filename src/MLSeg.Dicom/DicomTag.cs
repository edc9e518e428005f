using System.Globalization;

namespace MLSeg.Dicom;

/// <summary>A DICOM attribute tag (group, element), PS3.5 §7.1. Well-known tags are named as spelled in PS3.6.</summary>
public readonly record struct DicomTag(ushort Group, ushort Element) : IComparable<DicomTag>
{
    /// <summary>The tag as one 32-bit number, group in the high half.</summary>
    public uint Value => ((uint)Group << 16) | Element;

    /// <summary>True for private tags (odd group number).</summary>
    public bool IsPrivate => (Group & 1) == 1;

    /// <summary>Creates a tag from its 32-bit form (group in the high half).</summary>
    public static DicomTag FromValue(uint value) => new((ushort)(value >> 16), (ushort)value);

    /// <inheritdoc />
    public int CompareTo(DicomTag other) => Value.CompareTo(other.Value);

    /// <summary>Orders tags by their 32-bit value.</summary>
    public static bool operator <(DicomTag left, DicomTag right) => left.Value < right.Value;

    /// <summary>Orders tags by their 32-bit value.</summary>
    public static bool operator >(DicomTag left, DicomTag right) => left.Value > right.Value;

    /// <summary>Orders tags by their 32-bit value.</summary>
    public static bool operator <=(DicomTag left, DicomTag right) => left.Value <= right.Value;

    /// <summary>Orders tags by their 32-bit value.</summary>
    public static bool operator >=(DicomTag left, DicomTag right) => left.Value >= right.Value;

    /// <summary>The tag written as <c>(gggg,eeee)</c> in upper-case hex.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"({Group:X4},{Element:X4})");

    /// <summary>(0002,0010) Transfer Syntax UID.</summary>
    public static readonly DicomTag TransferSyntaxUID = new(0x0002, 0x0010);
    /// <summary>(0002,0000) File Meta Information Group Length.</summary>
    public static readonly DicomTag FileMetaInformationGroupLength = new(0x0002, 0x0000);
    /// <summary>(0002,0001) File Meta Information Version.</summary>
    public static readonly DicomTag FileMetaInformationVersion = new(0x0002, 0x0001);
    /// <summary>(0002,0002) Media Storage SOP Class UID.</summary>
    public static readonly DicomTag MediaStorageSOPClassUID = new(0x0002, 0x0002);
    /// <summary>(0002,0003) Media Storage SOP Instance UID.</summary>
    public static readonly DicomTag MediaStorageSOPInstanceUID = new(0x0002, 0x0003);
    /// <summary>(0002,0012) Implementation Class UID.</summary>
    public static readonly DicomTag ImplementationClassUID = new(0x0002, 0x0012);
    /// <summary>(0008,0005) Specific Character Set.</summary>
    public static readonly DicomTag SpecificCharacterSet = new(0x0008, 0x0005);
    /// <summary>(0008,0008) Image Type.</summary>
    public static readonly DicomTag ImageType = new(0x0008, 0x0008);
    /// <summary>(0008,0016) SOP Class UID.</summary>
    public static readonly DicomTag SOPClassUID = new(0x0008, 0x0016);
    /// <summary>(0008,0018) SOP Instance UID.</summary>
    public static readonly DicomTag SOPInstanceUID = new(0x0008, 0x0018);
    /// <summary>(0008,0020) Study Date.</summary>
    public static readonly DicomTag StudyDate = new(0x0008, 0x0020);
    /// <summary>(0008,0060) Modality.</summary>
    public static readonly DicomTag Modality = new(0x0008, 0x0060);
    /// <summary>(0008,1150) Referenced SOP Class UID.</summary>
    public static readonly DicomTag ReferencedSOPClassUID = new(0x0008, 0x1150);
    /// <summary>(0008,1155) Referenced SOP Instance UID.</summary>
    public static readonly DicomTag ReferencedSOPInstanceUID = new(0x0008, 0x1155);
    /// <summary>(0010,0010) Patient's Name.</summary>
    public static readonly DicomTag PatientName = new(0x0010, 0x0010);
    /// <summary>(0010,0020) Patient ID.</summary>
    public static readonly DicomTag PatientID = new(0x0010, 0x0020);
    /// <summary>(0018,0050) Slice Thickness.</summary>
    public static readonly DicomTag SliceThickness = new(0x0018, 0x0050);
    /// <summary>(0020,000D) Study Instance UID.</summary>
    public static readonly DicomTag StudyInstanceUID = new(0x0020, 0x000D);
    /// <summary>(0020,000E) Series Instance UID.</summary>
    public static readonly DicomTag SeriesInstanceUID = new(0x0020, 0x000E);
    /// <summary>(0020,0011) Series Number.</summary>
    public static readonly DicomTag SeriesNumber = new(0x0020, 0x0011);
    /// <summary>(0020,0013) Instance Number.</summary>
    public static readonly DicomTag InstanceNumber = new(0x0020, 0x0013);
    /// <summary>(0020,0032) Image Position (Patient).</summary>
    public static readonly DicomTag ImagePositionPatient = new(0x0020, 0x0032);
    /// <summary>(0020,0037) Image Orientation (Patient).</summary>
    public static readonly DicomTag ImageOrientationPatient = new(0x0020, 0x0037);
    /// <summary>(0020,0052) Frame of Reference UID.</summary>
    public static readonly DicomTag FrameOfReferenceUID = new(0x0020, 0x0052);
    /// <summary>(0028,0002) Samples per Pixel.</summary>
    public static readonly DicomTag SamplesPerPixel = new(0x0028, 0x0002);
    /// <summary>(0028,0004) Photometric Interpretation.</summary>
    public static readonly DicomTag PhotometricInterpretation = new(0x0028, 0x0004);
    /// <summary>(0028,0006) Planar Configuration.</summary>
    public static readonly DicomTag PlanarConfiguration = new(0x0028, 0x0006);
    /// <summary>(0028,0008) Number of Frames.</summary>
    public static readonly DicomTag NumberOfFrames = new(0x0028, 0x0008);
    /// <summary>(0028,0010) Rows.</summary>
    public static readonly DicomTag Rows = new(0x0028, 0x0010);
    /// <summary>(0028,0011) Columns.</summary>
    public static readonly DicomTag Columns = new(0x0028, 0x0011);
    /// <summary>(0028,0030) Pixel Spacing.</summary>
    public static readonly DicomTag PixelSpacing = new(0x0028, 0x0030);
    /// <summary>(0028,0100) Bits Allocated.</summary>
    public static readonly DicomTag BitsAllocated = new(0x0028, 0x0100);
    /// <summary>(0028,0101) Bits Stored.</summary>
    public static readonly DicomTag BitsStored = new(0x0028, 0x0101);
    /// <summary>(0028,0102) High Bit.</summary>
    public static readonly DicomTag HighBit = new(0x0028, 0x0102);
    /// <summary>(0028,0103) Pixel Representation.</summary>
    public static readonly DicomTag PixelRepresentation = new(0x0028, 0x0103);
    /// <summary>(0028,1050) Window Center.</summary>
    public static readonly DicomTag WindowCenter = new(0x0028, 0x1050);
    /// <summary>(0028,1051) Window Width.</summary>
    public static readonly DicomTag WindowWidth = new(0x0028, 0x1051);
    /// <summary>(0028,1052) Rescale Intercept.</summary>
    public static readonly DicomTag RescaleIntercept = new(0x0028, 0x1052);
    /// <summary>(0028,1053) Rescale Slope.</summary>
    public static readonly DicomTag RescaleSlope = new(0x0028, 0x1053);
    /// <summary>(0028,1054) Rescale Type.</summary>
    public static readonly DicomTag RescaleType = new(0x0028, 0x1054);
    /// <summary>(0028,9110) Pixel Measures Sequence (enhanced functional groups).</summary>
    public static readonly DicomTag PixelMeasuresSequence = new(0x0028, 0x9110);
    /// <summary>(0028,9145) Pixel Value Transformation Sequence (enhanced functional groups).</summary>
    public static readonly DicomTag PixelValueTransformationSequence = new(0x0028, 0x9145);
    /// <summary>(0020,9113) Plane Position Sequence.</summary>
    public static readonly DicomTag PlanePositionSequence = new(0x0020, 0x9113);
    /// <summary>(0020,9116) Plane Orientation Sequence.</summary>
    public static readonly DicomTag PlaneOrientationSequence = new(0x0020, 0x9116);
    /// <summary>(5200,9229) Shared Functional Groups Sequence.</summary>
    public static readonly DicomTag SharedFunctionalGroupsSequence = new(0x5200, 0x9229);
    /// <summary>(5200,9230) Per-frame Functional Groups Sequence.</summary>
    public static readonly DicomTag PerFrameFunctionalGroupsSequence = new(0x5200, 0x9230);
    /// <summary>(7FE0,0001) Extended Offset Table.</summary>
    public static readonly DicomTag ExtendedOffsetTable = new(0x7FE0, 0x0001);
    /// <summary>(7FE0,0002) Extended Offset Table Lengths.</summary>
    public static readonly DicomTag ExtendedOffsetTableLengths = new(0x7FE0, 0x0002);
    /// <summary>(7FE0,0008) Float Pixel Data.</summary>
    public static readonly DicomTag FloatPixelData = new(0x7FE0, 0x0008);
    /// <summary>(7FE0,0010) Pixel Data.</summary>
    public static readonly DicomTag PixelData = new(0x7FE0, 0x0010);
    /// <summary>(FFFE,E000) Item.</summary>
    public static readonly DicomTag Item = new(0xFFFE, 0xE000);
    /// <summary>(FFFE,E00D) Item Delimitation Item.</summary>
    public static readonly DicomTag ItemDelimitationItem = new(0xFFFE, 0xE00D);
    /// <summary>(FFFE,E0DD) Sequence Delimitation Item.</summary>
    public static readonly DicomTag SequenceDelimitationItem = new(0xFFFE, 0xE0DD);
}
