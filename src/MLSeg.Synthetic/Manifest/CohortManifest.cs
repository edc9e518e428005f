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

    private readonly int[] _lines;

    /// <summary>Creates a manifest over <paramref name="rows"/>.</summary>
    public CohortManifest(IEnumerable<ManifestRow> rows)
    {
        Rows = rows.ToList();
        _lines = [.. Enumerable.Range(2, Rows.Count)]; // the lines Write puts them on
    }

    private CohortManifest(List<ManifestRow> rows, int[] lines)
    {
        Rows = rows;
        _lines = lines;
    }

    /// <summary>The rows in file order.</summary>
    public IReadOnlyList<ManifestRow> Rows { get; }

    /// <summary>The 1-based line (1 = header) of row <paramref name="rowIndex"/> in the file it was read from (for error messages).</summary>
    public int LineOf(int rowIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rowIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(rowIndex, Rows.Count);
        return _lines[rowIndex];
    }

    /// <summary>
    /// The real path of <paramref name="relative"/> (the <paramref name="column"/> value of row <paramref name="rowIndex"/>)
    /// inside the folder of <paramref name="manifestPath"/>, with every symbolic link followed before the containment
    /// check, so a link cannot lead a row outside the cohort.
    /// </summary>
    /// <exception cref="ManifestFormatException">The path leads outside the manifest's folder, or names no file.</exception>
    public string ResolveFile(string manifestPath, int rowIndex, string column, string relative)
    {
        ArgumentException.ThrowIfNullOrEmpty(manifestPath);
        ArgumentException.ThrowIfNullOrEmpty(relative);
        string root = Path.GetDirectoryName(Path.GetFullPath(manifestPath))!;
        string? real = ContainedPath.ResolveInside(root, relative.Replace('/', Path.DirectorySeparatorChar));
        if (real is null)
        {
            throw new ManifestFormatException(manifestPath, LineOf(rowIndex), column,
                $"'{relative}' leads outside the manifest's folder (through a symbolic link); cohort files must lie inside it.");
        }

        if (!File.Exists(real))
        {
            throw new ManifestFormatException(manifestPath, LineOf(rowIndex), column,
                Directory.Exists(real) ? $"'{relative}' is a folder; expected an image or mask file." : $"'{relative}' does not exist (looked at {real}).");
        }

        return real;
    }

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
        var lines = new List<int>();
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
            lines.Add(line);
        }

        RejectDuplicateRows(rows, lines, source);
        return new CohortManifest(rows, [.. lines]);
    }

    // One image (slice, frame) has one reference mask and one mask per observer: a repeated row would weigh that image
    // twice, and under two patient ids it could land in both a training and a test fold.
    private static void RejectDuplicateRows(List<ManifestRow> rows, List<int> lines, string source)
    {
        var seen = new Dictionary<(string Image, int? Slice, int? Frame, int? Observer), int>();
        for (int i = 0; i < rows.Count; i++)
        {
            ManifestRow row = rows[i];
            if (!seen.TryAdd((row.Image, row.Slice, row.Frame, row.Observer), i))
            {
                ManifestRow first = rows[seen[(row.Image, row.Slice, row.Frame, row.Observer)]];
                int firstLine = lines[seen[(row.Image, row.Slice, row.Frame, row.Observer)]];
                string who = first.PatientId == row.PatientId
                    ? $"patient '{row.PatientId}'"
                    : $"patient '{row.PatientId}' here, patient '{first.PatientId}' there";
                throw new ManifestFormatException(source, lines[i], "image",
                    $"'{row.Image}' (slice {Show(row.Slice)}, frame {Show(row.Frame)}, observer {Show(row.Observer)}) is already listed on row {firstLine} ({who}); " +
                    "each image may appear once per observer. Remove the repeated row.");
            }
        }
    }

    private static string Show(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "-";

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
