using MLSeg.Core.Imaging;
using MLSeg.ImageIO.Png;
using MLSeg.TestKit;

namespace MLSeg.ImageIO.Tests;

/// <summary>Small PNG byte arrays for the error-path tests.</summary>
internal static class PngTestFiles
{
    public static byte[] Gray8(int width, int height)
    {
        string dir = RepoPaths.NewTempDir();
        try
        {
            string path = Path.Combine(dir, "g.png");
            var img = new Image2D(1, height, width, Enumerable.Range(0, width * height).Select(i => (float)(i % 256)).ToArray());
            PngWriter.Write(path, img, PngSampleFormat.Gray8);
            return File.ReadAllBytes(path);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
