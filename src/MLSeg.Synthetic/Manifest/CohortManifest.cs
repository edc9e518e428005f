using MLSeg.Core.IO;
using System.Globalization;
using System.Text;

namespace MLSeg.Synthetic.Manifest;

/// <summary>
/// A cohort manifest: <c>manifest.csv</c>, UTF-8, comma-separated with a header row (see docs/manifest-format.md).
/// Columns <c>patient_id,image,mask</c> are always present; the optional ones are written when any row uses them.
/// </summary>
public sealed class CohortManifest
{
    /// <summary>All known columns in their written order.</summary>
    public static readonly IReadOnlyList<string> Columns =
        ["patient_id", "image", "mask", "class", "slice", "frame", "phase", "observer", "field", "height_cm", "muscle_area_cm2", "label_set"];

    private static readonly string[] Required = ["patient_id", "image", "mask"];

    /// <summary>Creates a manifest over <paramref name="rows"/>.</summary>
    public CohortManifest(IEnumerable<ManifestRow> rows)
    {
        Rows = rows.ToList();
    }

    /// <summary>The rows in file order.</summary>
    public IReadOnlyList<ManifestRow> Rows { get; }

    /// <summary>Reads and validates <paramref name="path"/>.</summary>
    /// <exception cref="ManifestFormatException">The header or a row is invalid.</exception>
    public static CohortManifest Read(string path)
    {
        using var reader = new StreamReader(path, Encoding.UTF8);
        return Parse(reader, path);
    }

    /// <summary>Parses and validates manifest text; <paramref name="source"/> names it in error messages.</summary>
    /// <exception cref="ManifestFormatException">The header or a row is invalid.</exception>
    public static CohortManifest Parse(TextReader reader, string source)
    {
        string? headerLine = reader.ReadLine() ?? throw new ManifestFormatException(source, 1, "(header)", "the file is empty; expected a header starting patient_id,image,mask.");
        string[] header = CsvLine.Split(headerLine, source, 1);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int c = 0; c < header.Length; c++)
        {
            string name = header[c];
            if (!Columns.Contains(name))
            {
                throw new ManifestFormatException(source, 1, name, $"unknown column; expected one of {string.Join(", ", Columns)}.");
            }

            if (!index.TryAdd(name, c))
            {
                throw new ManifestFormatException(source, 1, name, "the column appears twice.");
            }
        }

        foreach (string r in Required)
        {
            if (!index.ContainsKey(r))
            {
                throw new ManifestFormatException(source, 1, r, "required column is missing.");
            }
        }

        var rows = new List<ManifestRow>();
        int line = 1;
        string? text;
        while ((text = reader.ReadLine()) is not null)
        {
            line++;
            if (text.Length == 0)
            {
                continue;
            }

            string[] fields = CsvLine.Split(text, source, line);
            if (fields.Length != header.Length)
            {
                throw new ManifestFormatException(source, line, header[Math.Min(fields.Length, header.Length - 1)],
                    $"row has {fields.Length} fields; the header has {header.Length}.");
            }

            rows.Add(ManifestRowParser.Parse(fields, index, source, line));
        }

        return new CohortManifest(rows);
    }

    /// <summary>Writes the manifest to <paramref name="path"/> atomically (temp file, then rename).</summary>
    public void Write(string path)
    {
        AtomicFile.Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" };
            Write(writer);
        });
    }

    /// <summary>Writes the manifest text to <paramref name="writer"/>.</summary>
    public void Write(TextWriter writer)
    {
        var used = Columns.Where(c => Required.Contains(c) || Rows.Any(r => ManifestRowParser.Format(r, c).Length > 0)).ToList();
        writer.WriteLine(string.Join(',', used));
        foreach (var row in Rows)
        {
            writer.WriteLine(string.Join(',', used.Select(c => CsvLine.Quote(ManifestRowParser.Format(row, c)))));
        }
    }
}
