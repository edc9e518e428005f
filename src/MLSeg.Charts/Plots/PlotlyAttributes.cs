using DynamicObj;
using Plotly.NET;
using Plotly.NET.CSharp;

namespace MLSeg.Charts.Plots;

/// <summary>
/// Sets plotly.js attributes that Plotly.NET.CSharp has no parameter for (hover templates, tick values, shapes,
/// annotations, error bars, titles) directly on Plotly.NET's trace and layout objects, which are dynamic objects that
/// serialise every property they hold. Only charts built in this assembly are edited this way, right after they are
/// built: the edits change the chart in place, like Plotly.NET's own <c>with…</c> functions do.
/// </summary>
internal static class PlotlyAttributes
{
    /// <summary>A Plotly.NET object (<see cref="Title"/>, <see cref="Plotly.NET.LayoutObjects.Shape"/>, …) holding <paramref name="attributes"/>; null values are left out.</summary>
    public static T Make<T>(params (string Name, object? Value)[] attributes)
        where T : DynamicObj.DynamicObj, new()
    {
        var obj = new T();
        foreach (var (name, value) in attributes)
        {
            if (value is not null)
            {
                obj.SetProperty(name, value);
            }
        }

        return obj;
    }

    /// <summary>Sets <paramref name="attributes"/> on <paramref name="target"/> (a trace, the layout, an axis); null values remove the attribute.</summary>
    public static void Set(DynamicObj.DynamicObj target, params (string Name, object? Value)[] attributes)
    {
        ArgumentNullException.ThrowIfNull(target);
        foreach (var (name, value) in attributes)
        {
            if (value is null)
            {
                target.RemoveProperty(name);
            }
            else
            {
                target.SetProperty(name, value);
            }
        }
    }

    /// <summary>The chart's traces (the objects it holds, not copies).</summary>
    public static Trace[] Traces(GenericChart chart) => chart.GetTraces();

    /// <summary>The chart's layout (the object it holds, not a copy).</summary>
    public static Layout LayoutOf(GenericChart chart) => chart.GetLayout();

    /// <summary>A plotly title object, <c>{"text": …}</c>.</summary>
    public static Title Title(string text) => Make<Title>(("text", text));

    /// <summary>Values for a plotly data array: non-finite values become <c>null</c> (a gap), which plotly.js expects.</summary>
    public static double?[] Numbers(IEnumerable<double> values) => [.. values.Select(v => double.IsFinite(v) ? v : (double?)null)];

    /// <summary>A chart of one trace type in a legend group, for <see cref="Plotly.NET.CSharp.Chart.Combine"/>.</summary>
    public static GenericChart InGroup(GenericChart chart, string legendGroup)
    {
        foreach (Trace t in Traces(chart))
        {
            Set(t, ("legendgroup", legendGroup), ("legendgrouptitle", null));
        }

        return chart;
    }
}
