using System.Globalization;

namespace MLSeg.Evaluation.Metrics;

/// <summary>
/// Reads per-image confusion tables (tab-separated; columns <c>image</c>, <c>set</c>, <c>methodA</c>,
/// <c>methodB</c>, then <c>a_b</c> counts for every ordered pair of class names, e.g. <c>bg_bg … my_my</c>). Class
/// order — and so the label values — follows the first appearance of each class name in the <c>a_b</c> columns.
/// </summary>
public static class ConfusionTableReader
{
    private static readonly string[] Required = ["image", "set", "methodA", "methodB"];

    /// <summary>The class names of <paramref name="path"/>'s header, in label order (0 = background).</summary>
    public static IReadOnlyList<string> ReadClassNames(string path) => ParseHeader(path, File.ReadLines(path).FirstOrDefault()).Classes;

    /// <summary>All rows of <paramref name="path"/>.</summary>
    /// <exception cref="EvaluationException">A column is missing, a count is not a non-negative integer, or a row is short.</exception>
    public static IReadOnlyList<ConfusionTableRow> Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var reader = new StreamReader(path);
        var header = ParseHeader(path, reader.ReadLine());
        int k = header.Classes.Count;
        var rows = new List<ConfusionTableRow>();
        int lineNo = 1;
        for (string? line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            lineNo++;
            if (line.Length == 0)
            {
                continue;
            }

            string[] f = line.Split('\t');
            if (f.Length != header.ColumnCount)
            {
                throw new EvaluationException($"{path}: line {lineNo} has {f.Length} fields; the header has {header.ColumnCount}.");
            }

            var counts = new long[k, k];
            for (int a = 0; a < k; a++)
            {
                for (int b = 0; b < k; b++)
                {
                    string cell = f[header.CountColumns[a, b]];
                    if (!long.TryParse(cell, NumberStyles.None, CultureInfo.InvariantCulture, out long v))
                    {
                        throw new EvaluationException(
                            $"{path}: line {lineNo}, column '{header.Classes[a]}_{header.Classes[b]}': expected a non-negative integer pixel count, found '{cell}'.");
                    }

                    counts[a, b] = v;
                }
            }

            rows.Add(new ConfusionTableRow(f[header.Image], f[header.Set], f[header.MethodA], f[header.MethodB], counts));
        }

        return rows;
    }

    private static Header ParseHeader(string path, string? line)
    {
        if (string.IsNullOrEmpty(line))
        {
            throw new EvaluationException($"{path}: empty file; expected a tab-separated header with image, set, methodA, methodB and a_b count columns.");
        }

        string[] names = line.Split('\t');
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < names.Length; i++)
        {
            index[names[i]] = i;
        }

        foreach (string r in Required)
        {
            if (!index.ContainsKey(r))
            {
                throw new EvaluationException($"{path}: header lacks column '{r}'; found: {string.Join(", ", names)}.");
            }
        }

        var classes = new List<string>();
        foreach (string n in names.Where(n => !Required.Contains(n)))
        {
            string[] parts = n.Split('_');
            if (parts.Length != 2)
            {
                throw new EvaluationException($"{path}: column '{n}' is not of the form <classA>_<classB>.");
            }

            foreach (string p in parts.Where(p => !classes.Contains(p)))
            {
                classes.Add(p);
            }
        }

        var countColumns = new int[classes.Count, classes.Count];
        for (int a = 0; a < classes.Count; a++)
        {
            for (int b = 0; b < classes.Count; b++)
            {
                string col = $"{classes[a]}_{classes[b]}";
                countColumns[a, b] = index.TryGetValue(col, out int c)
                    ? c
                    : throw new EvaluationException($"{path}: header lacks count column '{col}' (classes found: {string.Join(", ", classes)}).");
            }
        }

        return new Header(names.Length, index["image"], index["set"], index["methodA"], index["methodB"], classes, countColumns);
    }

    private sealed record Header(int ColumnCount, int Image, int Set, int MethodA, int MethodB, List<string> Classes, int[,] CountColumns);
}
