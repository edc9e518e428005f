using System.Globalization;

namespace MLSeg.Charts.Data;

/// <summary>A CSV file read with a header whose required columns are checked by name (extra columns are allowed).</summary>
internal sealed class CsvTable
{
    private readonly Dictionary<string, int> columns;

    private CsvTable(string file, Dictionary<string, int> columns, List<(int Line, List<string> Fields)> rows)
    {
        File = file;
        this.columns = columns;
        Rows = rows;
    }

    public string File { get; }

    public List<(int Line, List<string> Fields)> Rows { get; }

    public static CsvTable Read(string path, IReadOnlyList<string> required)
    {
        if (!System.IO.File.Exists(path))
        {
            throw new ReportDataException($"{path} does not exist.");
        }

        string[] lines = System.IO.File.ReadAllLines(path);
        if (lines.Length == 0 || string.IsNullOrWhiteSpace(lines[0]))
        {
            throw new ReportDataException($"{path} is empty; expected a header with columns {string.Join(",", required)}.");
        }

        var header = CsvLine.Split(lines[0].TrimStart('\uFEFF'), path, 1);
        var map = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < header.Count; i++)
        {
            if (!map.TryAdd(header[i].Trim(), i))
            {
                throw new ReportDataException($"{path}: header names column '{header[i]}' twice.");
            }
        }

        var missing = required.Where(r => !map.ContainsKey(r)).ToList();
        if (missing.Count > 0)
        {
            throw new ReportDataException($"{path}: header lacks column(s) {string.Join(", ", missing)}; expected at least {string.Join(",", required)} but found {lines[0]}.");
        }

        var rows = new List<(int, List<string>)>();
        for (int i = 1; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i]))
            {
                continue;
            }

            var fields = CsvLine.Split(lines[i], path, i + 1);
            if (fields.Count != header.Count)
            {
                throw new ReportDataException($"{path} line {i + 1}: {fields.Count} fields, but the header has {header.Count}.");
            }

            rows.Add((i + 1, fields));
        }

        return new CsvTable(path, map, rows);
    }

    public string Text((int Line, List<string> Fields) row, string column) => row.Fields[columns[column]];

    public int Int((int Line, List<string> Fields) row, string column)
    {
        string s = Text(row, column).Trim();
        return int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v)
            ? v
            : throw new ReportDataException($"{File} line {row.Line}, column '{column}': '{s}' is not an integer.");
    }

    /// <summary>A number; empty, <c>nan</c> and <c>NaN</c> read as NaN (an undefined metric), <c>inf</c> as +∞.</summary>
    public double Double((int Line, List<string> Fields) row, string column)
    {
        string s = Text(row, column).Trim();
        if (s.Length == 0 || s.Equals("nan", StringComparison.OrdinalIgnoreCase))
        {
            return double.NaN;
        }

        if (s.Equals("inf", StringComparison.OrdinalIgnoreCase) || s.Equals("infinity", StringComparison.OrdinalIgnoreCase))
        {
            return double.PositiveInfinity;
        }

        return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v)
            ? v
            : throw new ReportDataException($"{File} line {row.Line}, column '{column}': '{s}' is not a number.");
    }
}
