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

    /// <summary>The step's transformer.</summary>
    public RowMappingTransformer Transformer => _mapper.Transformer;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        ArgumentNullException.ThrowIfNull(columnsNeeded);
        var needed = columnsNeeded.ToList();
        var dependencies = _mapper.GetDependencies(needed).ToList();
        // A batching step reads ahead through a second cursor over its input, in the same (unshuffled) order; only over
        // an input that is cheap to read twice, so upstream steps such as DICOM decoding never run twice per row.
        Func<DataViewRowCursor>? readAhead = rand is null && _mapper.Transformer.BatchRows > 1 && IsCheapToReread(_input)
            ? () => _input.GetRowCursor(dependencies)
            : null;
        return new MappedRowCursor(_mapper, _input.GetRowCursor(dependencies, rand), needed, readAhead);
    }

    private static bool IsCheapToReread(IDataView view) => view switch
    {
        MLSeg.Data.MaterializedDataView => true,
        MappedDataView mapped => mapped.Transformer.CheapToRecompute && IsCheapToReread(mapped._input),
        _ => false,
    };

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null)
    {
        ArgumentNullException.ThrowIfNull(columnsNeeded);
        var needed = columnsNeeded.ToList();
        return [.. _input.GetRowCursorSet(_mapper.GetDependencies(needed), n, rand).Select(c => (DataViewRowCursor)new MappedRowCursor(_mapper, c, needed))];
    }
}
