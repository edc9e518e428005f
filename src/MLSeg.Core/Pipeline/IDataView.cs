namespace MLSeg.Core.Pipeline;

/// <summary>
/// A lazy, repeatable table of rows with a fixed <see cref="Schema"/>. Every call to <see cref="GetRows"/> starts a
/// new cursor and yields the same rows in the same order; nothing is computed until rows are enumerated.
/// </summary>
public interface IDataView
{
    /// <summary>The columns every row has.</summary>
    DataSchema Schema { get; }

    /// <summary>Starts a new pass over the rows.</summary>
    IEnumerable<DataRow> GetRows();
}
