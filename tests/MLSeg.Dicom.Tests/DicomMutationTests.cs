using MLSeg.Core.Imaging;
using MLSeg.Dicom.Imaging;
using MLSeg.TestKit;

namespace MLSeg.Dicom.Tests;

/// <summary>
/// Seeded mutation fuzzing of the DICOM reader and pixel decoder (explicit and implicit little endian, big endian, RLE):
/// a damaged file must give a <see cref="DicomFormatException"/> (an ImageFormatException) naming it, or a whole
/// volume — never another exception type.
/// </summary>
public class DicomMutationTests
{
    private const int Rounds = 1500;

    [FixtureTheory]
    [InlineData("dicom/MR_small.dcm", 1811)]
    [InlineData("dicom/MR_small_implicit.dcm", 1812)]
    [InlineData("dicom/MR_small_bigendian.dcm", 1813)]
    [InlineData("dicom/MR_small_RLE.dcm", 1814)]
    public void Open_MutatedFiles_ClearErrorOrValidVolume(string fixture, int seed)
    {
        MutationFuzzer.Run(File.ReadAllBytes(Fixtures.Path(fixture)), Rounds, seed, Path.GetFileName(fixture), path =>
        {
            Volume volume = DicomPixelData.Create(DicomFile.Open(path)).GetVolume();
            Assert.True(volume.Depth > 0 && volume.Height > 0 && volume.Width > 0);
            Assert.Equal((long)volume.Depth * volume.Height * volume.Width, volume.Data.Length);
        });
    }
}
