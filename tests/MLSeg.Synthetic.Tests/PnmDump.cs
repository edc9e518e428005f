using System.Globalization;
using MLSeg.Core.Imaging;

namespace MLSeg.Synthetic.Tests;

/// <summary>Test-only visual dump: a windowed grey PGM or an RGB PPM (binary netpbm), for looking at phantoms by eye.</summary>
internal static class PnmDump
{
    /// <summary>Writes channel 0 of <paramref name="image"/> windowed to [lo, hi] as an 8-bit PGM (P5).</summary>
    public static void WritePgm(string path, Image2D image, float lo, float hi)
    {
        using var fs = File.Create(path);
        var header = string.Create(CultureInfo.InvariantCulture, $"P5\n{image.Width} {image.Height}\n255\n");
        fs.Write(System.Text.Encoding.ASCII.GetBytes(header));
        ReadOnlySpan<float> src = image.Channel(0);
        var row = new byte[src.Length];
        for (int i = 0; i < src.Length; i++)
        {
            row[i] = (byte)Math.Clamp((src[i] - lo) / (hi - lo) * 255f, 0f, 255f);
        }

        fs.Write(row);
    }

    /// <summary>Writes a label map as a colour PPM (P6) overlaid on a windowed grey image.</summary>
    public static void WriteOverlayPpm(string path, Image2D image, LabelMap labels, float lo, float hi)
    {
        byte[][] colours = [[0, 0, 0], [230, 40, 40], [240, 200, 40], [40, 160, 240], [60, 220, 60]];
        using var fs = File.Create(path);
        var header = string.Create(CultureInfo.InvariantCulture, $"P6\n{image.Width} {image.Height}\n255\n");
        fs.Write(System.Text.Encoding.ASCII.GetBytes(header));
        ReadOnlySpan<float> src = image.Channel(0);
        var px = new byte[src.Length * 3];
        for (int i = 0; i < src.Length; i++)
        {
            float g = Math.Clamp((src[i] - lo) / (hi - lo) * 255f, 0f, 255f);
            int l = Math.Min(labels.Labels[i], (byte)4);
            for (int c = 0; c < 3; c++)
            {
                px[(i * 3) + c] = (byte)(l == 0 ? g : (0.55f * g) + (0.45f * colours[l][c]));
            }
        }

        fs.Write(px);
    }
}
