using MLSeg.Core.Errors;
using MLSeg.Core.Imaging;
using MLSeg.ImageIO.Npy;
using MLSeg.TestKit;

namespace MLSeg.ImageIO.Tests;

public class ImageLoaderTests
{
    [FixtureTheory]
    [InlineData("cardiac-png/image_train_example.png", "PNG")]
    [InlineData("nifti/standard.nii.gz", "NIfTI")]
    [InlineData("nifti/anatomical.nii", "NIfTI")]
    [InlineData("nifti-extra/example_nifti2.nii.gz", "NIfTI")]
    public void ReaderFor_Fixture_PicksByContent(string rel, string format)
    {
        Assert.Equal(format, new ImageLoader().ReaderFor(Fixtures.Path(rel)).FormatName);
    }

    [FixtureFact]
    public void Load_PngWithWrongExtension_StillReadsPng()
    {
        string dir = RepoPaths.NewTempDir();
        try
        {
            string path = Path.Combine(dir, "mask.dat");
            File.Copy(Fixtures.Path("cardiac-png/mask_train_example.png"), path);
            var labels = new ImageLoader().Load(path).AsLabelMap();
            Assert.Equal(2, labels.MaxLabel());
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Load_Npy_ReturnsImage()
    {
        string dir = RepoPaths.NewTempDir();
        try
        {
            string path = Path.Combine(dir, "x.bin");
            NpyWriter.Write(path, NpyArray.FromImage(new Image2D(1, 2, 2, [1, 2, 3, 4])));
            var loaded = new ImageLoader().Load(path);
            Assert.Equal("NPY", loaded.Format);
            Assert.Equal([1f, 2, 3, 4], loaded.AsImage2D().Data);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [FixtureFact]
    public void Load_DicomWithoutRegisteredReader_ThrowsWithHint_AndRegisteredReaderIsUsed()
    {
        string dir = RepoPaths.NewTempDir();
        try
        {
            string path = Path.Combine(dir, "fake.dcm");
            byte[] bytes = new byte[200];
            "DICM"u8.CopyTo(bytes.AsSpan(128));
            File.WriteAllBytes(path, bytes);
            var ex = Assert.Throws<ImageFormatException>(() => new ImageLoader().Load(path));
            Assert.Contains("DICM", ex.Message, StringComparison.Ordinal);
            Assert.Contains("fake.dcm", ex.Message, StringComparison.Ordinal);
            var loader = new ImageLoader().With(new FakeDicomReader());
            Assert.Equal("DICOM", loader.Load(path).Format);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Load_UnknownContent_NamesFileAndFormats_NeverEchoesContent()
    {
        string dir = RepoPaths.NewTempDir();
        try
        {
            string path = Path.Combine(dir, "a.png");
            File.WriteAllText(path, "hello world");
            var ex = Assert.Throws<ImageFormatException>(() => new ImageLoader().Load(path));
            Assert.Contains("a.png", ex.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("68656C6C6F", ex.Message, StringComparison.OrdinalIgnoreCase); // "hello": the bytes stay private
            Assert.DoesNotContain("hello", ex.Message, StringComparison.Ordinal);
            Assert.Contains("none of PNG, NPY, NIfTI.", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Load_Folder_ImageFormatExceptionSayingItIsAFolder()
    {
        string dir = RepoPaths.NewTempDir();
        try
        {
            var ex = Assert.Throws<ImageFormatException>(() => new ImageLoader().Load(dir));
            Assert.Contains(dir, ex.Message, StringComparison.Ordinal);
            Assert.Contains("is a folder", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Constructor_BuiltInReadersGivenAgain_Throws_WithListsEachFormatOnce()
    {
        Assert.Throws<ArgumentException>(() => new ImageLoader(BuiltInReaders.All));
        Assert.Equal(["PNG", "NPY", "NIfTI", "DICOM"], new ImageLoader().With(new FakeDicomReader()).Readers.Select(r => r.FormatName));
    }

    [Fact]
    public void AsImage2D_MultiSliceVolume_Throws()
    {
        var loaded = new LoadedImage("v.nii", "NIfTI", [new Volume(3, 2, 2)]);
        Assert.Throws<ImageFormatException>(() => loaded.AsImage2D());
        Assert.Equal(3, loaded.AsVolume().Depth);
    }

    private sealed class FakeDicomReader : IImageReader
    {
        public string FormatName => "DICOM";

        public bool CanRead(ReadOnlySpan<byte> header) => header.Length >= 132 && header.Slice(128, 4).SequenceEqual("DICM"u8);

        public LoadedImage Read(string path) => new(path, FormatName, new Image2D(1, 1, 1));
    }
}
