using System.Net;
using System.Text;

namespace MLSeg.Charts.Figures;

/// <summary>HTML around figures: standalone pages and divs for pages that share one plotly.js.</summary>
internal static class HtmlDocument
{
    /// <summary>plotly config: no plotly logo, no network (the mode bar's "edit in cloud" link is off by default).</summary>
    public const string Config = """{"displaylogo":false,"responsive":true}""";

    public static string Standalone(Figure figure, string plotlyScript)
    {
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
          .Append(WebUtility.HtmlEncode(figure.Layout.Title ?? "MLSeg figure"))
          .Append("</title>\n<script>")
          .Append(ScriptSafe(plotlyScript))
          .Append("</script>\n</head>\n<body>\n")
          .Append(Div(figure, "mlseg-figure"))
          .Append("</body>\n</html>\n");
        return sb.ToString();
    }

    public static string Div(Figure figure, string divId)
    {
        ArgumentException.ThrowIfNullOrEmpty(divId);
        if (!divId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw new ArgumentException($"Div id '{divId}' may hold only ASCII letters, digits, '-' and '_'.", nameof(divId));
        }

        // The JSON escapes < > & ' " as \uXXXX (JsonOut.Options), so no data string can close the script element.
        return $"<div id=\"{divId}\" class=\"mlseg-figure\"></div>\n<script>(function(){{var f={figure.ToJson()};" +
               $"Plotly.newPlot(\"{divId}\",f.data,f.layout,{Config});}})();</script>\n";
    }

    /// <summary>Guards inline script text against a literal <c>&lt;/script</c>, which would end the element early.</summary>
    public static string ScriptSafe(string script) =>
        script.Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase);
}
