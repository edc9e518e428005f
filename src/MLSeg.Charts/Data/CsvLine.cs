using System.Text;

namespace MLSeg.Charts.Data;

/// <summary>Splits one CSV line (RFC 4180 quoting: "a,b" and doubled quotes; no line breaks inside fields).</summary>
internal static class CsvLine
{
    public static List<string> Split(string line, string file, int lineNumber)
    {
        var fields = new List<string>();
        var sb = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    sb.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    sb.Append(c);
                }
            }
            else if (c == '"' && sb.Length == 0)
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(sb.ToString());
                sb.Clear();
            }
            else
            {
                sb.Append(c);
            }
        }

        if (quoted)
        {
            throw new ReportDataException($"{file} line {lineNumber}: a quoted field is not closed (line breaks inside fields are not supported).");
        }

        fields.Add(sb.ToString());
        return fields;
    }

    /// <summary>Quotes a field when it holds a comma, quote or line break.</summary>
    public static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{field.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : field;
}
