using System.Text;
using System.Text.Json;
using MLSeg.Core.Errors;
using MLSeg.Dicom.Imaging;

namespace MLSeg.Dicom.Tools;

/// <summary>The JSON of <c>mlseg dicom stats FILE... --json</c>: one object per file, statistics or an <c>error</c> message.</summary>
public static class DicomStatsReport
{
    /// <summary>Computes statistics for every file; returns the JSON array and whether all files succeeded.</summary>
    public static (string Json, bool AllSucceeded) Run(IEnumerable<string> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        string[] paths = files.ToArray();

        // Files are independent: decode them in parallel, then write the results in argument order.
        var results = new (DicomStatistics? Stats, string? Error)[paths.Length];
        Parallel.For(0, paths.Length, i =>
        {
            try
            {
                results[i] = (DicomStatistics.Compute(DicomFile.Open(paths[i]), paths[i]), null);
            }
            catch (Exception ex) when (ex is MLSegException or IOException or UnauthorizedAccessException)
            {
                results[i] = (null, ex.Message);
            }
        });
        bool ok = true;
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartArray();
            for (int i = 0; i < paths.Length; i++)
            {
                w.WriteStartObject();
                w.WriteString("file", paths[i]);
                if (results[i].Stats is { } stats)
                {
                    Write(w, stats);
                }
                else
                {
                    ok = false;
                    w.WriteString("error", results[i].Error);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        return (Encoding.UTF8.GetString(buffer.ToArray()), ok);
    }

    private static void Write(Utf8JsonWriter w, DicomStatistics s)
    {
        if (s.TransferSyntax is null)
        {
            w.WriteNull("transferSyntax");
        }
        else
        {
            w.WriteString("transferSyntax", s.TransferSyntax);
        }

        w.WriteNumber("rows", s.Rows);
        w.WriteNumber("columns", s.Columns);
        w.WriteNumber("frames", s.Frames);
        w.WriteNumber("samplesPerPixel", s.SamplesPerPixel);
        w.WriteNumber("min", s.Min);
        w.WriteNumber("max", s.Max);
        w.WriteNumber("mean", s.Mean);
        if (s.ModMean is { } modMean)
        {
            w.WriteNumber("modMin", s.ModMin!.Value);
            w.WriteNumber("modMax", s.ModMax!.Value);
            w.WriteNumber("modMean", modMean);
        }
    }
}
