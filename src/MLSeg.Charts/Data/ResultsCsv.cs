namespace MLSeg.Charts.Data;

/// <summary>Reads results.csv (header <c>source,n,fold,seed,case,label,dice,hd95,assd,rmsDta</c>, extra columns ignored).</summary>
public static class ResultsCsv
{
    /// <summary>The required columns, in the order the runner writes them.</summary>
    public static IReadOnlyList<string> Columns { get; } = ["source", "n", "fold", "seed", "case", "label", "dice", "hd95", "assd", "rmsDta"];

    /// <summary>Reads every row; throws <see cref="ReportDataException"/> naming file, line, column and value on bad data.</summary>
    public static IReadOnlyList<ResultRow> Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var t = CsvTable.Read(path, Columns);
        var rows = new List<ResultRow>(t.Rows.Count);
        foreach (var r in t.Rows)
        {
            var row = new ResultRow(t.Text(r, "source"), t.Int(r, "n"), t.Int(r, "fold"), t.Int(r, "seed"), t.Text(r, "case"), t.Int(r, "label"),
                t.Double(r, "dice"), t.Double(r, "hd95"), t.Double(r, "assd"), t.Double(r, "rmsDta"));
            if (row.N <= 0)
            {
                throw new ReportDataException($"{path} line {r.Line}, column 'n': training size {row.N} must be > 0.");
            }

            if (double.IsFinite(row.Dice) && (row.Dice < 0 || row.Dice > 1))
            {
                throw new ReportDataException($"{path} line {r.Line}, column 'dice': {row.Dice} is outside [0, 1].");
            }

            rows.Add(row);
        }

        return rows;
    }
}
