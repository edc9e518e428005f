using System.Net;

namespace MLSeg.Charts.Plots;

/// <summary>
/// plotly.js renders a subset of HTML in names, hover templates and annotations, and treats <c>%{…}</c> as a template
/// field; a string from data is HTML-encoded (plotly decodes the entities for display) and its <c>%</c> neutralised.
/// </summary>
internal static class PlotText
{
    public static string Escape(string text) => WebUtility.HtmlEncode(text).Replace("%", "&#37;", StringComparison.Ordinal);
}
