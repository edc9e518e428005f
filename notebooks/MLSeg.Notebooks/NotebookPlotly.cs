using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Plotly.NET;

namespace MLSeg.Notebooks;

/// <summary>
/// Shows Plotly.NET charts inline in a .NET Interactive notebook without a network: <see cref="ScriptHtml()"/> inlines
/// the pinned plotly.js once per notebook (the output of its setup cell), and <see cref="ChartHtml"/> draws each chart
/// from its <c>GenericChart.toJson</c> figure with that copy. Plotly.NET.Interactive's own formatter loads plotly.js
/// from a CDN through requirejs, which leaves a blank output offline.
/// </summary>
/// <remarks>
/// A notebook registers the formatter once with the kernel's API, after which a chart that ends a cell, or
/// <c>display(chart)</c>, renders offline:
/// <code>
/// Formatter.Register&lt;GenericChart&gt;(NotebookPlotly.ChartHtml, HtmlFormatter.MimeType);
/// display(HTML(NotebookPlotly.ScriptHtml()));
/// </code>
/// </remarks>
public static partial class NotebookPlotly
{
    /// <summary>Environment variable naming another plotly.js file (default: <c>artifacts/native/plotly.min.js</c>).</summary>
    public const string PlotlyJsVariable = "MLSEG_PLOTLY_JS";

    /// <summary>Text a chart's output shows when plotly.js was not loaded by the page (its setup cell did not run).</summary>
    public const string MissingPlotlyMessage =
        "plotly.js is not loaded in this page: run the notebook's setup cell, which displays NotebookPlotly.ScriptHtml(), before this chart.";

    /// <summary>
    /// A <c>&lt;script&gt;</c> element holding the plotly.js found by <see cref="FindPlotlyJs"/>; display it once per
    /// notebook, before the first chart.
    /// </summary>
    public static string ScriptHtml() => ScriptHtml(FindPlotlyJs());

    /// <summary>A <c>&lt;script&gt;</c> element holding the plotly.js at <paramref name="plotlyJsPath"/>.</summary>
    /// <exception cref="InvalidDataException">The file is empty or cannot be inlined in an HTML script element.</exception>
    public static string ScriptHtml(string plotlyJsPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(plotlyJsPath);
        string source = File.ReadAllText(plotlyJsPath);
        if (string.IsNullOrWhiteSpace(source))
        {
            throw new InvalidDataException($"{plotlyJsPath} is empty; expected plotly.js (reinstall it with `make setup`).");
        }

        // In HTML script data, "<!--" followed later by "<script" switches the parser to a state in which "</script>"
        // no longer closes the element; no rewrite of the text is safe in every JavaScript context, so refuse.
        int comment = source.IndexOf("<!--", StringComparison.Ordinal);
        if (comment >= 0 && source.IndexOf("<script", comment, StringComparison.OrdinalIgnoreCase) >= 0)
        {
            throw new InvalidDataException(
                $"{plotlyJsPath} contains \"<!--\" followed by \"<script\", which cannot be inlined in an HTML <script> element; use the plotly.min.js that `make setup` installs.");
        }

        // "<\/script" reads as "</script" in JavaScript strings, templates and regular expressions alike (case kept).
        string escaped = ScriptEnd().Replace(source, "<\\/$1");
        return $"<script type=\"text/javascript\">\n{escaped}\n</script>";
    }

    /// <summary>
    /// The HTML of one chart: a <c>&lt;div&gt;</c> and a script that draws the chart's figure JSON with the page's
    /// plotly.js (or writes <see cref="MissingPlotlyMessage"/> into the div when there is none).
    /// </summary>
    public static string ChartHtml(GenericChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        string id = "mlseg-chart-" + Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture);
        string figure = ScriptSafeJson(GenericChart.toJson(chart));
        var html = new StringBuilder();
        html.Append("<div id=\"").Append(id).Append("\"></div>\n<script type=\"text/javascript\">\n(function () {\n");
        html.Append("  var element = document.getElementById('").Append(id).Append("');\n");
        html.Append("  if (typeof window.Plotly === 'undefined') { element.textContent = ")
            .Append(ScriptSafeJson(System.Text.Json.JsonSerializer.Serialize(MissingPlotlyMessage))).Append("; return; }\n");
        html.Append("  var figure = ").Append(figure).Append(";\n");
        html.Append("  window.Plotly.newPlot(element, figure.data, figure.layout || {}, figure.config || {});\n})();\n</script>");
        return html.ToString();
    }

    /// <summary>
    /// The plotly.js file charts use: <see cref="PlotlyJsVariable"/> when set, else the first
    /// <c>artifacts/native/plotly.min.js</c> in a folder above this assembly or the working directory.
    /// </summary>
    /// <exception cref="FileNotFoundException">No plotly.js was found; the message lists where it looked.</exception>
    public static string FindPlotlyJs()
    {
        string? configured = Environment.GetEnvironmentVariable(PlotlyJsVariable);
        if (!string.IsNullOrEmpty(configured))
        {
            return File.Exists(configured)
                ? configured
                : throw new FileNotFoundException($"{PlotlyJsVariable}={configured} does not exist; expected the path of plotly.min.js.", configured);
        }

        var tried = new List<string>();
        foreach (string? start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(typeof(NotebookPlotly).Assembly.Location), Environment.CurrentDirectory })
        {
            for (var dir = string.IsNullOrEmpty(start) ? null : new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, "artifacts", "native", "plotly.min.js");
                if (File.Exists(candidate))
                {
                    return candidate;
                }

                tried.Add(candidate);
            }
        }

        throw new FileNotFoundException(
            $"plotly.min.js not found (looked for {string.Join(", ", tried.Distinct())}); run `make setup`, which installs it into artifacts/native, or set {PlotlyJsVariable}.");
    }

    /// <summary>JSON is valid JavaScript; "\u003c" keeps "&lt;/script&gt;" and "&lt;!--" in strings from ending the element.</summary>
    private static string ScriptSafeJson(string json) => json.Replace("<", "\\u003c", StringComparison.Ordinal);

    [GeneratedRegex("</(script)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ScriptEnd();
}
