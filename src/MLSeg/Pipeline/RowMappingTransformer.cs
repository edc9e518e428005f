using Microsoft.ML;
using Microsoft.ML.Data;
using System.Text.Json.Nodes;

namespace MLSeg.Pipeline;

/// <summary>
/// Base of MLSeg's fitted components: a Microsoft.ML <see cref="ITransformer"/> that adds columns computed per row from
/// the columns it reads (lazily, on the cursor's thread), so it chains with built-in transforms, works in
/// <c>PredictionEngine</c> (it is a row-to-row mapper) and checks its input schema naming column, expected and found
/// type. ML.NET keeps model persistence internal, so <c>ml.Model.Save</c> cannot hold an MLSeg step:
/// <see cref="ICanSaveModel.Save"/> throws <see cref="NotSupportedException"/> pointing to
/// <c>ml.Segmentation().Model.Save</c>, which saves whole pipelines (MLSeg and built-in steps).
/// </summary>
public abstract class RowMappingTransformer : ITransformer
{
    private protected RowMappingTransformer() { }

    /// <summary>Always true: every MLSeg transformer maps one row to one row.</summary>
    public bool IsRowToRowMapper => true;

    /// <summary>What the transformer reads and adds.</summary>
    internal abstract ColumnContract Contract { get; }

    /// <summary>The name a saved pipeline records for this step (e.g. <c>MLSeg.Window</c>).</summary>
    internal abstract string TypeName { get; }

    /// <inheritdoc />
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => Bind(inputSchema).OutputSchema;

    /// <inheritdoc />
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) => Bind(inputSchema);

    /// <inheritdoc />
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new MappedDataView(input, Bind(input.Schema));
    }

    /// <summary>Not supported: ML.NET's model format has no public extension point for third-party transformers.</summary>
    /// <exception cref="NotSupportedException">Always; save with <c>ml.Segmentation().Model.Save</c>.</exception>
    void ICanSaveModel.Save(ModelSaveContext ctx) => throw new NotSupportedException(
        $"{GetType().Name} is an MLSeg transformer, which ML.NET's mlContext.Model.Save cannot store (ML.NET keeps its model " +
        "format's extension points internal). Save the fitted pipeline with ml.Segmentation().Model.Save(model, path) and load it with " +
        "ml.Segmentation().Model.Load(path); for deployment, export ONNX plus a plain ML.NET pipeline with `mlseg export-onnx --mlnet`.");

    /// <summary>The value of added column <paramref name="output"/> (index into the contract's outputs) for the current row.</summary>
    internal abstract object Compute(RowValues row, int output);

    /// <summary>
    /// Rows a cursor computes per <see cref="ComputeRows"/> call when the input is cheap to read twice (an in-memory view,
    /// possibly behind <see cref="CheapToRecompute"/> steps): a network predicts a batch per forward pass. 1 = one row at
    /// a time (the default, and always the case for PredictionEngine and shuffled cursors).
    /// </summary>
    internal virtual int BatchRows => 1;

    /// <summary>Whether this step's added columns cost so little (per-pixel arithmetic) that a read-ahead may compute them twice.</summary>
    internal virtual bool CheapToRecompute => false;

    /// <summary>
    /// Added column <paramref name="output"/> for the next rows <paramref name="lookahead"/> yields (moving it at most
    /// <paramref name="count"/> rows; fewer at the end of the data), in row order. Used only when <see cref="BatchRows"/> &gt; 1.
    /// </summary>
    internal virtual IReadOnlyList<object> ComputeRows(DataViewRowCursor lookahead, int count, int output) =>
        throw new NotSupportedException($"{GetType().Name} computes one row at a time.");

    /// <summary>Writes whatever files the step needs into <paramref name="directory"/> and returns its parameters.</summary>
    internal abstract JsonObject SaveTo(string directory);

    private BoundMapper Bind(DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        IReadOnlyList<OutputColumn> added = Contract.Check(inputSchema);
        return new BoundMapper(this, inputSchema, Contract.OutputSchema(inputSchema, added), added);
    }
}
