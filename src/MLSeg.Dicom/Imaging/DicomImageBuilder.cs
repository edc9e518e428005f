using MLSeg.Core.Imaging;

namespace MLSeg.Dicom.Imaging;

/// <summary>
/// Builds a CT or MR Image Storage file from a single-channel <see cref="Image2D"/>: values are stored as signed
/// 16-bit integers, stored = round((value − intercept) / slope), with PixelSpacing and the options' UIDs and names.
/// </summary>
public static class DicomImageBuilder
{
    /// <summary>CT Image Storage SOP Class.</summary>
    public const string CTImageStorage = "1.2.840.10008.5.1.4.1.1.2";

    /// <summary>MR Image Storage SOP Class.</summary>
    public const string MRImageStorage = "1.2.840.10008.5.1.4.1.1.4";

    /// <summary>Creates the file; throws <see cref="ArgumentException"/> when a value does not fit int16 after rescale.</summary>
    public static DicomFile Build(Image2D image, DicomImageOptions options)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(options);
        if (image.Channels != 1)
        {
            throw new ArgumentException($"CT/MR images have one channel; got {image.Channels}.", nameof(image));
        }

        if (options.Modality is not ("CT" or "MR"))
        {
            throw new ArgumentException($"Modality must be CT or MR; got '{options.Modality}'.", nameof(options));
        }

        if (!(options.RescaleSlope > 0) || !double.IsFinite(options.RescaleSlope))
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"RescaleSlope must be finite and > 0; got {options.RescaleSlope}.");
        }

        var pixels = new byte[image.Data.Length * 2];
        for (int i = 0; i < image.Data.Length; i++)
        {
            double stored = Math.Round((image.Data[i] - options.RescaleIntercept) / options.RescaleSlope, MidpointRounding.AwayFromZero);
            if (!(stored >= short.MinValue && stored <= short.MaxValue))
            {
                throw new ArgumentException(
                    $"Sample {i} = {image.Data[i]} maps to stored value {stored}, outside int16; choose RescaleSlope/RescaleIntercept to fit.", nameof(image));
            }

            System.Buffers.Binary.BinaryPrimitives.WriteInt16LittleEndian(pixels.AsSpan(i * 2), (short)stored);
        }

        var ds = new DicomDataset();
        ds.AddString(DicomTag.SpecificCharacterSet, DicomVR.CS, "ISO_IR 192");
        ds.TextEncoding = System.Text.Encoding.UTF8;
        ds.AddString(DicomTag.ImageType, DicomVR.CS, "DERIVED", "SECONDARY", "AXIAL");
        ds.AddString(DicomTag.SOPClassUID, DicomVR.UI, options.Modality == "CT" ? CTImageStorage : MRImageStorage);
        ds.AddString(DicomTag.SOPInstanceUID, DicomVR.UI, options.SopInstanceUid ?? NewUid());
        ds.AddString(DicomTag.Modality, DicomVR.CS, options.Modality);
        ds.AddString(DicomTag.PatientName, DicomVR.PN, options.PatientName);
        ds.AddString(DicomTag.PatientID, DicomVR.LO, options.PatientID);
        ds.AddDecimalString(DicomTag.SliceThickness, options.SliceThicknessMm);
        ds.AddString(DicomTag.StudyInstanceUID, DicomVR.UI, options.StudyInstanceUid ?? NewUid());
        ds.AddString(DicomTag.SeriesInstanceUID, DicomVR.UI, options.SeriesInstanceUid ?? NewUid());
        ds.AddIntegerString(DicomTag.InstanceNumber, options.InstanceNumber);
        ds.AddDecimalString(DicomTag.ImagePositionPatient, options.ImagePositionPatient);
        ds.AddDecimalString(DicomTag.ImageOrientationPatient, options.ImageOrientationPatient);
        ds.AddString(DicomTag.FrameOfReferenceUID, DicomVR.UI, options.FrameOfReferenceUid ?? NewUid());
        ds.AddUInt16(DicomTag.SamplesPerPixel, 1);
        ds.AddString(DicomTag.PhotometricInterpretation, DicomVR.CS, "MONOCHROME2");
        ds.AddUInt16(DicomTag.Rows, checked((ushort)image.Height));
        ds.AddUInt16(DicomTag.Columns, checked((ushort)image.Width));
        ds.AddDecimalString(DicomTag.PixelSpacing, image.SpacingMm.RowMm, image.SpacingMm.ColumnMm);
        ds.AddUInt16(DicomTag.BitsAllocated, 16);
        ds.AddUInt16(DicomTag.BitsStored, 16);
        ds.AddUInt16(DicomTag.HighBit, 15);
        ds.AddUInt16(DicomTag.PixelRepresentation, 1);
        ds.AddDecimalString(DicomTag.RescaleIntercept, options.RescaleIntercept);
        ds.AddDecimalString(DicomTag.RescaleSlope, options.RescaleSlope);
        ds.AddString(DicomTag.RescaleType, DicomVR.LO, options.Modality == "CT" ? "HU" : "US");
        ds.AddBytes(DicomTag.PixelData, DicomVR.OW, pixels);
        return new DicomFile(new DicomDataset(), ds, DicomTransferSyntax.ExplicitVRLittleEndian, "<built>");
    }

    /// <summary>A new UID in the 2.25 form: the decimal value of a random UUID (PS3.5 B.2).</summary>
    public static string NewUid()
    {
        Span<byte> b = stackalloc byte[17];
        Guid.NewGuid().TryWriteBytes(b[..16], bigEndian: true, out _);
        b[16] = 0;
        b[..16].Reverse(); // BigInteger reads little endian; the extra zero byte keeps it positive
        return "2.25." + new System.Numerics.BigInteger(b).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
