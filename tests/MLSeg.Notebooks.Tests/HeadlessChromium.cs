using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace MLSeg.Notebooks.Tests;

/// <summary>What headless Chromium drew in one chart's <c>&lt;div&gt;</c>.</summary>
/// <param name="Id">The div's id (<c>mlseg-chart-…</c>).</param>
/// <param name="Svgs">plotly's <c>svg.main-svg</c> elements in it.</param>
/// <param name="DrawnTraces">Trace groups plotly drew (scatter/line <c>.trace</c>, heatmap <c>.hm</c>).</param>
/// <param name="DataTraces">Traces in plotly's resolved figure (<c>div._fullData</c>).</param>
/// <param name="Text">The div's text (the missing-plotly message when nothing was drawn).</param>
public sealed record DrawnChart(string Id, int Svgs, int DrawnTraces, int DataTraces, string Text);

/// <summary>
/// Opens local HTML in headless Chromium with no network (every host name resolves to nothing; an unreachable proxy
/// catches the rest) and reports what plotly drew in every <c>mlseg-chart-</c> div.
/// </summary>
public static partial class HeadlessChromium
{
    /// <summary>Debian's Chromium.</summary>
    public const string Path = "/usr/bin/chromium";

    // Runs after the page's own scripts; writes one JSON line per chart into a <pre> that --dump-dom returns.
    private const string Probe = """
        <script>
        window.addEventListener('load', function () { setTimeout(function () {
          var charts = Array.from(document.querySelectorAll('div[id^="mlseg-chart-"]')).map(function (d) {
            return { Id: d.id, Svgs: d.querySelectorAll('svg.main-svg').length,
                     DrawnTraces: d.querySelectorAll('svg.main-svg g.trace, svg.main-svg g.hm').length,
                     DataTraces: (d._fullData || []).length, Text: d.textContent.slice(0, 300) };
          });
          var pre = document.createElement('pre'); pre.id = 'mlseg-probe'; pre.textContent = JSON.stringify(charts);
          document.body.appendChild(pre);
        }, 0); });
        </script>
        """;

    /// <summary>The charts of <paramref name="htmlPath"/> as drawn offline (a probed copy is opened; the file is untouched).</summary>
    public static IReadOnlyList<DrawnChart> Charts(string htmlPath)
    {
        string html = File.ReadAllText(htmlPath);
        int body = html.LastIndexOf("</body>", StringComparison.OrdinalIgnoreCase);
        string probed = body < 0 ? html + Probe : html[..body] + Probe + html[body..];
        string dir = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(htmlPath))!;
        string copy = System.IO.Path.Combine(dir, $".probe-{Guid.NewGuid():N}.html");
        string profile = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"mlseg-chromium-{Guid.NewGuid():N}");
        File.WriteAllText(copy, probed);
        try
        {
            string dom = Run(
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=127.0.0.1:9",
                "--virtual-time-budget=15000", $"--user-data-dir={profile}", "--dump-dom", new Uri(copy).AbsoluteUri,
            ]);
            Match m = ProbeOutput().Match(dom);
            Assert.True(m.Success, $"the probe found no result in Chromium's DOM of {htmlPath} (did the page's scripts fail?)");
            return JsonSerializer.Deserialize<List<DrawnChart>>(WebUtility.HtmlDecode(m.Groups[1].Value))!;
        }
        finally
        {
            File.Delete(copy);
            if (Directory.Exists(profile))
            {
                Directory.Delete(profile, recursive: true);
            }
        }
    }

    private static string Run(string[] args)
    {
        var psi = new ProcessStartInfo(Path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        var stdout = p.StandardOutput.ReadToEndAsync();
        if (!p.WaitForExit(180_000))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException("chromium did not finish within 180 s");
        }

        string output = stdout.GetAwaiter().GetResult();
        return p.ExitCode == 0 ? output : throw new InvalidOperationException($"chromium exited {p.ExitCode}: {stderr.GetAwaiter().GetResult()}");
    }

    [GeneratedRegex("<pre id=\"mlseg-probe\">([^<]*)</pre>")]
    private static partial Regex ProbeOutput();
}
