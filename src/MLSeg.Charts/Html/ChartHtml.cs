using System.Globalization;
using System.Net;
using System.Text;
using MLSeg.Core.IO;
using Plotly.NET;

namespace MLSeg.Charts.Html;

/// <summary>
/// Puts Plotly.NET charts into HTML that works offline with the pinned plotly.js (<see cref="PlotlyJs"/>). Plotly.NET's
/// own <c>toChartHTML</c> loads plotly.js from a CDN and writes text unescaped (a <c>&lt;/script&gt;</c> in a trace name
/// ends its script element), so the figure JSON is made script-safe here before it is embedded.
/// </summary>
public static class ChartHtml
{
    /// <summary>plotly config: no plotly logo, resize with the page. Nothing in it reaches the network.</summary>
    public const string Config = """{"displaylogo":false,"responsive":true}""";

    /// <summary>
    /// The chart as plotly.js figure JSON, <c>{"data":[…],"layout":{…},"frames":[]}</c> (Plotly.NET's
    /// <c>GenericChart.toFigureJson</c>), with <c>&lt;</c>, <c>&gt;</c>, <c>&amp;</c>, U+2028 and U+2029 written as
    /// <c>\uXXXX</c> escapes: the same JSON value, but no data string can end a &lt;script&gt; element or open a comment.
    /// </summary>
    public static string FigureJson(GenericChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        return ScriptSafe(GenericChart.toFigureJson(chart));
    }

    /// <summary>
    /// A &lt;div&gt; and &lt;script&gt; that draw <paramref name="chart"/> in a page which already loads plotly.js (the report
    /// pages load <c>plotly.min.js</c> by relative path). <paramref name="divId"/> may hold ASCII letters, digits, '-' and '_'.
    /// </summary>
    public static string Div(GenericChart chart, string divId)
    {
        ArgumentNullException.ThrowIfNull(chart);
        CheckId(divId);
        return $"<div id=\"{divId}\" class=\"mlseg-figure\"></div>\n<script>(function(){{var f={FigureJson(chart)};" +
               $"Plotly.newPlot(\"{divId}\",f.data,f.layout,{Config});}})();</script>\n";
    }

    /// <summary>
    /// A complete page with plotly.js inlined (opens offline; one file to share or to screenshot). A positive
    /// <paramref name="width"/> and <paramref name="height"/> fix the figure size in pixels without changing the chart.
    /// </summary>
    public static string Standalone(GenericChart chart, string title, string plotlyScript, int width = 0, int height = 0)
    {
        ArgumentNullException.ThrowIfNull(chart);
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(plotlyScript);
        ArgumentOutOfRangeException.ThrowIfNegative(width);
        ArgumentOutOfRangeException.ThrowIfNegative(height);
        string size = width > 0 && height > 0 ? string.Create(CultureInfo.InvariantCulture, $"f.layout.width={width};f.layout.height={height};") : "";
        string style = width > 0 && height > 0 ? string.Create(CultureInfo.InvariantCulture, $" style=\"width:{width}px;height:{height}px\"") : " style=\"width:100%;height:95vh\"";
        return new StringBuilder()
            .Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>").Append(WebUtility.HtmlEncode(title)).Append("</title>\n")
            .Append("<script>").Append(ScriptSafeScript(plotlyScript)).Append("</script>\n</head>\n<body style=\"margin:0\">\n")
            .Append(CultureInfo.InvariantCulture, $"<div id=\"mlseg-figure\"{style}></div>\n")
            .Append(CultureInfo.InvariantCulture, $"<script>(function(){{var f={FigureJson(chart)};{size}Plotly.newPlot(\"mlseg-figure\",f.data,f.layout,{Config});}})();</script>\n")
            .Append("</body>\n</html>\n")
            .ToString();
    }

    /// <summary>Writes <see cref="Standalone"/> with the pinned plotly.js to <paramref name="path"/> (temp file + rename).</summary>
    public static void SaveHtml(GenericChart chart, string path, string title = "MLSeg chart", int width = 0, int height = 0)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        AtomicFile.WriteAllText(path, Standalone(chart, title, PlotlyJs.ReadScript(), width, height));
    }

    /// <summary>Escapes the characters of JSON text that matter inside an HTML &lt;script&gt; element (they occur only inside strings).</summary>
    internal static string ScriptSafe(string json)
    {
        var sb = new StringBuilder(json.Length + 64);
        foreach (char c in json)
        {
            _ = c switch
            {
                '<' => sb.Append("\\u003C"),
                '>' => sb.Append("\\u003E"),
                '&' => sb.Append("\\u0026"),
                '\u2028' => sb.Append("\\u2028"),
                '\u2029' => sb.Append("\\u2029"),
                _ => sb.Append(c),
            };
        }

        return sb.ToString();
    }

    /// <summary>Guards an inline library script against a literal <c>&lt;/script</c>, which would end the element early.</summary>
    private static string ScriptSafeScript(string script) =>
        script.Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase);

    private static void CheckId(string divId)
    {
        ArgumentException.ThrowIfNullOrEmpty(divId);
        if (!divId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw new ArgumentException($"Div id '{divId}' may hold only ASCII letters, digits, '-' and '_'.", nameof(divId));
        }
    }
}
