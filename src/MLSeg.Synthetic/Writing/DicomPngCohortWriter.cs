using System.Globalization;
using MLSeg.Core.Imaging;
using MLSeg.Dicom;
using MLSeg.Dicom.Imaging;
using MLSeg.ImageIO.Png;

namespace MLSeg.Synthetic.Writing;

/// <summary>
/// Writes synthetic cohorts the way real data arrives: images as DICOM Part 10 files through MLSeg's own writer
/// (explicit VR little endian, int16 stored values with a Modality LUT) and masks as PNG label maps. Every write is
/// atomic, so the generator's parallel patients never expose half files.
/// </summary>
public sealed class DicomPngCohortWriter : ICohortWriter
{
    /// <inheritdoc />
    public void WriteCt(string path, Image2D hu, CtSeriesInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        DicomFile file = DicomImageBuilder.Build(hu, new DicomImageOptions
        {
            Modality = "CT",
            PatientName = info.PatientName,
            PatientID = info.PatientId,
            StudyInstanceUid = info.StudyInstanceUid,
            SeriesInstanceUid = info.SeriesInstanceUid,
            SopInstanceUid = info.SopInstanceUid,
            FrameOfReferenceUid = info.FrameOfReferenceUid,
            RescaleIntercept = info.RescaleIntercept,
            RescaleSlope = info.RescaleSlope,
            SliceThicknessMm = info.SliceThicknessMm,
            ImagePositionPatient = [-(hu.Width - 1) * hu.SpacingMm.ColumnMm / 2, -(hu.Height - 1) * hu.SpacingMm.RowMm / 2, info.SliceLocationMm],
        });
        DicomDataset ds = file.Dataset;
        ds.AddString(Tag("PatientSex"), DicomVR.CS, info.PatientSex);
        ds.AddDecimalString(Tag("PatientSize"), info.PatientSizeM); // PS3.3 C.7.2.2: metres
        ds.AddDecimalString(Tag("SliceLocation"), info.SliceLocationMm);
        ds.AddDecimalString(Tag("KVP"), info.KvpKv);
        ds.AddString(Tag("SeriesDescription"), DicomVR.LO, info.SeriesDescription);
        file.Save(path);
    }

    /// <inheritdoc />
    public void WriteMr(string path, Image2D intensity, MrSeriesInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        DicomFile file = DicomImageBuilder.Build(intensity, new DicomImageOptions
        {
            Modality = "MR",
            PatientName = info.PatientName,
            PatientID = info.PatientId,
            StudyInstanceUid = info.StudyInstanceUid,
            SeriesInstanceUid = info.SeriesInstanceUid,
            SopInstanceUid = info.SopInstanceUid,
            FrameOfReferenceUid = info.FrameOfReferenceUid,
            InstanceNumber = info.InstanceNumber,
            RescaleIntercept = 0,
            RescaleSlope = 1,
            SliceThicknessMm = info.SliceThicknessMm,
            ImagePositionPatient = [0, 0, info.SliceLocationMm],
        });
        DicomDataset ds = file.Dataset;
        ds.AddDecimalString(Tag("MagneticFieldStrength"), info.MagneticFieldStrengthT);
        ds.AddDecimalString(Tag("SliceLocation"), info.SliceLocationMm);
        ds.AddDecimalString(Tag("TriggerTime"), info.TriggerTimeMs);
        ds.AddIntegerString(Tag("CardiacNumberOfImages"), info.CardiacNumberOfImages);
        ds.AddString(Tag("SeriesDescription"), DicomVR.LO,
            info.SeriesDescription + " slice " + info.SliceIndex.ToString(CultureInfo.InvariantCulture));
        file.Save(path);
    }

    /// <inheritdoc />
    public void WriteLabelPng(string path, LabelMap map) => PngWriter.WriteLabels(path, map);

    /// <inheritdoc />
    public void WriteRgbPng(string path, Image2D rgb) => PngWriter.Write(path, rgb, PngSampleFormat.Rgb8);

    private static DicomTag Tag(string keyword) => DicomDictionary.TagOf(keyword);
}
