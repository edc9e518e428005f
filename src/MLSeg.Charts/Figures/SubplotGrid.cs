using System.Text.Json;

namespace MLSeg.Charts.Figures;

/// <summary>
/// A grid of subplots (plotly <c>layout.grid</c> with <c>pattern: "independent"</c>): cell k (row-major, 1-based) uses
/// axes <c>xk</c>/<c>yk</c>; place traces with <see cref="Trace.OnAxes"/>.
/// </summary>
public sealed record SubplotGrid
{
    /// <summary>Creates a grid of <paramref name="rows"/> × <paramref name="columns"/> subplots.</summary>
    public SubplotGrid(int rows, int columns)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(columns);
        Rows = rows;
        Columns = columns;
    }

    /// <summary>Number of rows.</summary>
    public int Rows { get; }

    /// <summary>Number of columns.</summary>
    public int Columns { get; }

    internal void WriteJson(Utf8JsonWriter w)
    {
        w.WriteStartObject("grid");
        w.WriteNumber("rows", Rows);
        w.WriteNumber("columns", Columns);
        w.WriteString("pattern", "independent");
        w.WriteEndObject();
    }
}
