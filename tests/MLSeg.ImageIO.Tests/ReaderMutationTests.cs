using MLSeg.Core.Imaging;
using MLSeg.ImageIO.Npy;
using MLSeg.TestKit;

namespace MLSeg.ImageIO.Tests;

/// <summary>
/// Seeded mutation fuzzing of every ImageIO reader through <see cref="ImageLoader"/> (content sniffing, then the
/// reader): a damaged file must give an <see cref="Core.Errors.ImageFormatException"/> naming it, or a valid image —
/// never another exception type (issue 18 found 62 of 200 mutated .nii.gz files ending the process).
/// </summary>
public class ReaderMutationTests
{
    private const int Rounds = 2000;

    private static readonly ImageLoader Loader = new();

    [FixtureFact]
    public void Png_MutatedFiles_ClearErrorOrValidImage()
    {
        MutationFuzzer.Run(File.ReadAllBytes(Fixtures.Path("cardiac-png/mask_train_example.png")), Rounds, 1801, "mask.png", LoadAndCheck);
        MutationFuzzer.Run(File.ReadAllBytes(Fixtures.Path("cardiac-png/image_train_example.png")), Rounds, 1802, "image.png", LoadAndCheck);
    }

    [FixtureFact]
    public void NiftiPlain_MutatedFiles_ClearErrorOrValidImage()
    {
        MutationFuzzer.Run(File.ReadAllBytes(Fixtures.Path("nifti-extra/resampled_anat_moved.nii")), Rounds, 1803, "image.nii", LoadAndCheck);
    }

    [FixtureFact]
    public void NiftiGzip_MutatedCompressedBytes_ClearErrorNamingTheGzipLayer()
    {
        // Damage in the compressed stream itself: the inflater's failure must surface as an ImageFormatException.
        MutationFuzzer.Run(File.ReadAllBytes(Fixtures.Path("nifti/standard.nii.gz")), Rounds, 1804, "standard.nii.gz", LoadAndCheck);
        MutationFuzzer.Run(File.ReadAllBytes(Fixtures.Path("nifti-extra/example_nifti2.nii.gz")), Rounds / 4, 1805, "nifti2.nii.gz", LoadAndCheck);
    }

    [FixtureFact]
    public void NiftiGzip_MutatedPayload_ClearErrorOrValidImage()
    {
        // Damage inside an intact gzip layer: the NIfTI parser behind the inflater meets it.
        byte[] inflated = MutationFuzzer.Gunzip(File.ReadAllBytes(Fixtures.Path("nifti/standard.nii.gz")));
        MutationFuzzer.Run(inflated, Rounds, 1806, "payload.nii.gz", LoadAndCheck, gzipAfterMutating: true);
    }

    [Fact]
    public void Npy_MutatedFiles_ClearErrorOrValidImage()
    {
        string dir = RepoPaths.NewTempDir("mlseg-npy-seed");
        try
        {
            foreach (var (name, array, seed) in new (string, NpyArray, int)[]
            {
                ("f4.npy", NpyArray.FromFloats([.. Enumerable.Range(0, 12).Select(i => i * 0.5f)], 3, 4), 1807),
                ("u1.npy", new NpyArray([2, 3, 4], Enumerable.Range(0, 24).Select(i => (byte)(i % 3)).ToArray()), 1808),
            })
            {
                string file = Path.Combine(dir, name);
                NpyWriter.Write(file, array);
                MutationFuzzer.Run(File.ReadAllBytes(file), Rounds, seed, name, LoadAndCheck);
            }
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Gzip_UnsupportedCompressionMethod_ImageFormatExceptionNamingFileAndGzipLayer()
    {
        // The case issue 18 reported: a gzip header whose method byte is not deflate (8).
        string dir = RepoPaths.NewTempDir("mlseg-gz");
        try
        {
            byte[] bytes = MutationFuzzer.Gzip(new byte[400]);
            bytes[2] = 7;
            string file = Path.Combine(dir, "bad.nii.gz");
            File.WriteAllBytes(file, bytes);

            var ex = Assert.Throws<Core.Errors.ImageFormatException>(() => Loader.Load(file));
            Assert.Contains(file, ex.Message, StringComparison.Ordinal);
            Assert.Contains("gzip", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    // A returned image must be whole: positive dimensions and exactly as many samples as they promise.
    private static void LoadAndCheck(string path)
    {
        LoadedImage loaded = Loader.Load(path);
        if (loaded.Image is { } image)
        {
            Assert.True(image.Height > 0 && image.Width > 0 && image.Channels > 0);
            Assert.Equal((long)image.Channels * image.Height * image.Width, image.Data.Length);
        }

        foreach (Volume v in loaded.Volumes)
        {
            Assert.True(v.Depth > 0 && v.Height > 0 && v.Width > 0);
            Assert.Equal((long)v.Depth * v.Height * v.Width, v.Data.Length);
        }
    }
}
