using System.Text;

namespace MLSeg.Synthetic.Manifest;

/// <summary>RFC 4180 field splitting and quoting for one line (fields may be quoted; no line breaks inside fields).</summary>
internal static class CsvLine
{
    public static string[] Split(string line, string source, int row)
    {
        var fields = new List<string>();
        var sb = new StringBuilder();
        int i = 0;
        while (true)
        {
            sb.Clear();
            if (i < line.Length && line[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= line.Length)
                    {
                        throw new ManifestFormatException(source, row, $"#{fields.Count + 1}", "a quoted field is not closed on this line.");
                    }

                    if (line[i] == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"')
                        {
                            sb.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    sb.Append(line[i++]);
                }

                if (i < line.Length && line[i] != ',')
                {
                    throw new ManifestFormatException(source, row, $"#{fields.Count + 1}", $"unexpected '{line[i]}' after a closing quote.");
                }
            }
            else
            {
                while (i < line.Length && line[i] != ',')
                {
                    sb.Append(line[i++]);
                }
            }

            fields.Add(sb.ToString());
            if (i >= line.Length)
            {
                return fields.ToArray();
            }

            i++; // past the comma
        }
    }

    public static string Quote(string value) =>
        value.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
