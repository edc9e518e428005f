using System.Net;
using System.Text;

namespace MLSeg.Charts.Report;

/// <summary>The report's page frame: inline CSS, the shared plotly.js by relative path, and a small inline table sorter.</summary>
internal static class HtmlPage
{
    private const string Css = """
        body{font-family:"Helvetica Neue",Helvetica,Arial,sans-serif;color:#222;margin:0;background:#fafafa}
        header{background:#1f3a5f;color:#fff;padding:18px 32px}header h1{margin:0;font-size:24px;font-weight:600}
        header p{margin:4px 0 0;color:#cfd8e3;font-size:14px}nav{padding:8px 32px;background:#e9eef4;font-size:14px}
        nav a{margin-right:16px;color:#1f3a5f}main{padding:16px 32px;max-width:1280px}
        section{background:#fff;border:1px solid #dde3ea;border-radius:6px;padding:16px 20px;margin:16px 0}
        h2{font-size:19px;margin:0 0 12px;color:#1f3a5f}h3{font-size:16px;margin:12px 0 8px}
        table{border-collapse:collapse;font-size:13px;margin:8px 0}th,td{border-bottom:1px solid #e3e3e3;padding:4px 10px;text-align:right}
        th{background:#f0f3f7;cursor:pointer;user-select:none;white-space:nowrap}td:first-child,th:first-child{text-align:left}
        td.t{text-align:left}th.asc::after{content:" \25B2"}th.desc::after{content:" \25BC"}
        .mlseg-figure{width:100%;height:460px}.empty{height:200px;display:flex;align-items:center;justify-content:center;border:1px dashed #c8c8c8;border-radius:4px;color:#555;font-size:14px;padding:0 24px;text-align:center}.grid{display:grid;grid-template-columns:1fr 1fr;gap:12px}
        pre{background:#f5f5f5;padding:10px;overflow:auto;font-size:12px;max-height:360px}
        .note{color:#666;font-size:13px}.done{color:#1a7f37}.failed{color:#b42318}.incomplete{color:#9a6700}
        figure{display:inline-block;margin:6px}figure img{max-width:320px;border:1px solid #ccc}figcaption{font-size:12px;color:#555}
        """;

    // Sorts a table by the clicked column: numeric when both cells parse as numbers (data-v overrides the text), else text.
    private const string SortScript = """
        document.querySelectorAll("table.sortable").forEach(function(t){t.querySelectorAll("th").forEach(function(th,i){
        th.addEventListener("click",function(){var b=t.tBodies[0],rows=Array.from(b.rows),asc=!th.classList.contains("asc");
        t.querySelectorAll("th").forEach(function(h){h.classList.remove("asc","desc");});th.classList.add(asc?"asc":"desc");
        function v(r){var c=r.cells[i];return c.getAttribute("data-v")||c.textContent;}
        rows.sort(function(a,c){var x=v(a),y=v(c),nx=parseFloat(x),ny=parseFloat(y);
        var r=(!isNaN(nx)&&!isNaN(ny))?nx-ny:x.localeCompare(y);return asc?r:-r;});rows.forEach(function(r){b.appendChild(r);});});});});
        """;

    public static string H(string text) => WebUtility.HtmlEncode(text);

    public static string Build(string title, string subtitle, string body, bool withPlotly)
    {
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
          .Append("<title>").Append(H(title)).Append("</title>\n<style>").Append(Css).Append("</style>\n");
        if (withPlotly)
        {
            sb.Append("<script src=\"").Append(Html.PlotlyJs.FileName).Append("\"></script>\n");
        }

        sb.Append("</head>\n<body>\n<header><h1>").Append(H(title)).Append("</h1><p>").Append(H(subtitle)).Append("</p></header>\n")
          .Append("<nav><a href=\"index.html\">Overview</a><a href=\"index.html#curves\">Learning curves</a>")
          .Append("<a href=\"index.html#results\">Results</a><a href=\"index.html#arms\">Arms</a><a href=\"index.html#downloads\">Downloads</a></nav>\n")
          .Append("<main>\n").Append(body).Append("</main>\n<script>").Append(SortScript).Append("</script>\n</body>\n</html>\n");
        return sb.ToString();
    }

    /// <summary>A sortable table; <paramref name="rows"/> hold cells that are already HTML (escape data with <see cref="H"/>).</summary>
    public static string Table(IEnumerable<string> headers, IEnumerable<IEnumerable<string>> rows)
    {
        var sb = new StringBuilder("<table class=\"sortable\">\n<thead><tr>");
        foreach (string h in headers)
        {
            sb.Append("<th>").Append(H(h)).Append("</th>");
        }

        sb.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in rows)
        {
            sb.Append("<tr>");
            foreach (string cell in row)
            {
                sb.Append(cell.StartsWith("<td", StringComparison.Ordinal) ? cell : $"<td>{cell}</td>");
            }

            sb.Append("</tr>\n");
        }

        return sb.Append("</tbody>\n</table>\n").ToString();
    }

    public static string Section(string id, string heading, string content) =>
        $"<section id=\"{id}\">\n<h2>{H(heading)}</h2>\n{content}</section>\n";
}
