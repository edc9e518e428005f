using Microsoft.ML;

namespace MLSeg.Pipeline;

/// <summary>The lazy view a <see cref="RowMappingTransformer"/> returns from Transform: nothing is computed until a cursor reads a row.</summary>
internal sealed class MappedDataView : IDataView
{
    private readonly IDataView _input;
    private readonly BoundMapper _mapper;

    public MappedDataView(IDataView input, BoundMapper mapper)
    {
        _input = input;
        _mapper = mapper;
    }

    public bool CanShuffle => _input.CanShuffle;

    public DataViewSchema Schema => _mapper.OutputSchema;

    public long? GetRowCount() => _input.GetRowCount();

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        ArgumentNullException.ThrowIfNull(columnsNeeded);
        var needed = columnsNeeded.ToList();
        return new MappedRowCursor(_mapper, _input.GetRowCursor(_mapper.GetDependencies(needed), rand), needed);
    }

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null)
    {
        ArgumentNullException.ThrowIfNull(columnsNeeded);
        var needed = columnsNeeded.ToList();
        return [.. _input.GetRowCursorSet(_mapper.GetDependencies(needed), n, rand).Select(c => (DataViewRowCursor)new MappedRowCursor(_mapper, c, needed))];
    }
}
