namespace MLSeg.Charts.Data;

/// <summary>Reads train_log.csv (header <c>epoch,train_loss,val_loss,val_dice,lr,seconds</c>).</summary>
public static class TrainLogCsv
{
    /// <summary>The required columns.</summary>
    public static IReadOnlyList<string> Columns { get; } = ["epoch", "train_loss", "val_loss", "val_dice", "lr", "seconds"];

    /// <summary>Reads every epoch; epochs must increase strictly.</summary>
    public static IReadOnlyList<TrainLogRow> Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var t = CsvTable.Read(path, Columns);
        var rows = new List<TrainLogRow>(t.Rows.Count);
        foreach (var r in t.Rows)
        {
            var row = new TrainLogRow(t.Int(r, "epoch"), t.Double(r, "train_loss"), t.Double(r, "val_loss"), t.Double(r, "val_dice"), t.Double(r, "lr"), t.Double(r, "seconds"));
            if (rows.Count > 0 && row.Epoch <= rows[^1].Epoch)
            {
                throw new ReportDataException($"{path} line {r.Line}, column 'epoch': {row.Epoch} does not follow {rows[^1].Epoch}; epochs must increase.");
            }

            rows.Add(row);
        }

        return rows;
    }
}
