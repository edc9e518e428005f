namespace MLSeg.Dicom;

/// <summary>A transfer syntax (PS3.5 §10, PS3.6 Annex A): how the dataset and its pixel data are encoded.</summary>
public sealed record DicomTransferSyntax(string Uid, string Name, bool IsExplicitVR, bool IsBigEndian, bool IsDeflated, bool IsEncapsulated)
{
    /// <summary>1.2.840.10008.1.2 Implicit VR Little Endian (the default).</summary>
    public static readonly DicomTransferSyntax ImplicitVRLittleEndian = new("1.2.840.10008.1.2", "Implicit VR Little Endian", false, false, false, false);
    /// <summary>1.2.840.10008.1.2.1 Explicit VR Little Endian.</summary>
    public static readonly DicomTransferSyntax ExplicitVRLittleEndian = new("1.2.840.10008.1.2.1", "Explicit VR Little Endian", true, false, false, false);
    /// <summary>1.2.840.10008.1.2.1.99 Deflated Explicit VR Little Endian.</summary>
    public static readonly DicomTransferSyntax DeflatedExplicitVRLittleEndian = new("1.2.840.10008.1.2.1.99", "Deflated Explicit VR Little Endian", true, false, true, false);
    /// <summary>1.2.840.10008.1.2.2 Explicit VR Big Endian (retired).</summary>
    public static readonly DicomTransferSyntax ExplicitVRBigEndian = new("1.2.840.10008.1.2.2", "Explicit VR Big Endian", true, true, false, false);
    /// <summary>1.2.840.10008.1.2.4.50 JPEG Baseline (Process 1).</summary>
    public static readonly DicomTransferSyntax JpegBaseline = Encapsulated("1.2.840.10008.1.2.4.50", "JPEG Baseline (Process 1)");
    /// <summary>1.2.840.10008.1.2.4.51 JPEG Extended (Process 2 and 4).</summary>
    public static readonly DicomTransferSyntax JpegExtended = Encapsulated("1.2.840.10008.1.2.4.51", "JPEG Extended (Process 2 & 4)");
    /// <summary>1.2.840.10008.1.2.4.57 JPEG Lossless, Non-Hierarchical (Process 14).</summary>
    public static readonly DicomTransferSyntax JpegLossless = Encapsulated("1.2.840.10008.1.2.4.57", "JPEG Lossless, Non-Hierarchical (Process 14)");
    /// <summary>1.2.840.10008.1.2.4.70 JPEG Lossless, Process 14, First-Order Prediction (SV1).</summary>
    public static readonly DicomTransferSyntax JpegLosslessSV1 = Encapsulated("1.2.840.10008.1.2.4.70", "JPEG Lossless, Non-Hierarchical, First-Order Prediction (Process 14 [Selection Value 1])");
    /// <summary>1.2.840.10008.1.2.4.80 JPEG-LS Lossless.</summary>
    public static readonly DicomTransferSyntax JpegLSLossless = Encapsulated("1.2.840.10008.1.2.4.80", "JPEG-LS Lossless Image Compression");
    /// <summary>1.2.840.10008.1.2.4.81 JPEG-LS Lossy (Near-Lossless).</summary>
    public static readonly DicomTransferSyntax JpegLSNearLossless = Encapsulated("1.2.840.10008.1.2.4.81", "JPEG-LS Lossy (Near-Lossless) Image Compression");
    /// <summary>1.2.840.10008.1.2.4.90 JPEG 2000 (Lossless Only).</summary>
    public static readonly DicomTransferSyntax Jpeg2000Lossless = Encapsulated("1.2.840.10008.1.2.4.90", "JPEG 2000 Image Compression (Lossless Only)");
    /// <summary>1.2.840.10008.1.2.4.91 JPEG 2000.</summary>
    public static readonly DicomTransferSyntax Jpeg2000 = Encapsulated("1.2.840.10008.1.2.4.91", "JPEG 2000 Image Compression");
    /// <summary>1.2.840.10008.1.2.5 RLE Lossless.</summary>
    public static readonly DicomTransferSyntax RleLossless = Encapsulated("1.2.840.10008.1.2.5", "RLE Lossless");

    private static readonly DicomTransferSyntax[] Known =
    [
        ImplicitVRLittleEndian, ExplicitVRLittleEndian, DeflatedExplicitVRLittleEndian, ExplicitVRBigEndian, JpegBaseline,
        JpegExtended, JpegLossless, JpegLosslessSV1, JpegLSLossless, JpegLSNearLossless, Jpeg2000Lossless, Jpeg2000, RleLossless,
        Encapsulated("1.2.840.10008.1.2.4.100", "MPEG2 Main Profile / Main Level"),
        Encapsulated("1.2.840.10008.1.2.4.102", "MPEG-4 AVC/H.264 High Profile / Level 4.1"),
        Encapsulated("1.2.840.10008.1.2.4.201", "High-Throughput JPEG 2000 (Lossless Only)"),
        Encapsulated("1.2.840.10008.1.2.4.203", "High-Throughput JPEG 2000"),
    ];

    /// <summary>
    /// The transfer syntax with <paramref name="uid"/>. Unknown UIDs are taken as encapsulated explicit VR little
    /// endian (PS3.5 §A.4 requires that for every compressed syntax); decoding their pixels then fails naming the UID.
    /// </summary>
    public static DicomTransferSyntax Lookup(string uid)
    {
        foreach (DicomTransferSyntax ts in Known)
        {
            if (ts.Uid == uid)
            {
                return ts;
            }
        }

        return Encapsulated(uid, "unknown transfer syntax");
    }

    /// <inheritdoc />
    public override string ToString() => $"{Uid} ({Name})";

    private static DicomTransferSyntax Encapsulated(string uid, string name) => new(uid, name, true, false, false, true);
}
