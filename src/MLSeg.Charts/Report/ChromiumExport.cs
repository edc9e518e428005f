using MLSeg.Core.IO;
using System.Diagnostics;
using System.Globalization;
using MLSeg.Charts.Html;
using Plotly.NET;

namespace MLSeg.Charts.Report;

/// <summary>Static PNG export through headless Chromium (offline: networking, sync and updates are switched off).</summary>
public static class ChromiumExport
{
    /// <summary>Where Debian installs Chromium.</summary>
    public const string DefaultChromium = "/usr/bin/chromium";

    /// <summary>Renders <paramref name="chart"/> to a PNG of <paramref name="width"/> × <paramref name="height"/> pixels (the chart itself is not changed).</summary>
    public static void SavePng(GenericChart chart, string pngPath, int width = 900, int height = 560, string chromium = DefaultChromium)
    {
        ArgumentNullException.ThrowIfNull(chart);
        string dir = Path.Combine(Path.GetTempPath(), $"mlseg-png-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            string html = Path.Combine(dir, "figure.html");
            ChartHtml.SaveHtml(chart, html, "MLSeg chart", width, height);
            Screenshot(html, pngPath, width, height, chromium);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    /// <summary>Screenshots a local HTML file (e.g. a report page) into <paramref name="pngPath"/> (written atomically).</summary>
    public static void Screenshot(string htmlPath, string pngPath, int width, int height, string chromium = DefaultChromium)
    {
        ArgumentException.ThrowIfNullOrEmpty(htmlPath);
        ArgumentException.ThrowIfNullOrEmpty(pngPath);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if (!File.Exists(chromium))
        {
            throw new FileNotFoundException($"PNG export needs Chromium at {chromium}, which does not exist; install it (Debian: apt-get install chromium, or `make setup-test`).", chromium);
        }

        string profile = Path.Combine(Path.GetTempPath(), $"mlseg-chromium-{Guid.NewGuid():N}");
        string temp = Path.Combine(Path.GetTempPath(), $"mlseg-shot-{Guid.NewGuid():N}.png");
        try
        {
            Run(chromium, [.. Flags(profile), $"--screenshot={temp}", string.Create(CultureInfo.InvariantCulture, $"--window-size={width},{height}"),
                "--hide-scrollbars", new Uri(Path.GetFullPath(htmlPath)).AbsoluteUri]);
            if (!File.Exists(temp))
            {
                throw new InvalidOperationException($"Chromium exited without writing the screenshot of {htmlPath}.");
            }

            AtomicFile.Copy(temp, pngPath);
        }
        finally
        {
            File.Delete(temp);
            if (Directory.Exists(profile))
            {
                Directory.Delete(profile, true);
            }
        }
    }

    /// <summary>The DOM of a local HTML page after scripts have run (used to check that plotly drew its SVGs).</summary>
    public static string DumpDom(string htmlPath, string chromium = DefaultChromium)
    {
        if (!File.Exists(chromium))
        {
            throw new FileNotFoundException($"Chromium not found at {chromium}; install it (Debian: apt-get install chromium).", chromium);
        }

        string profile = Path.Combine(Path.GetTempPath(), $"mlseg-chromium-{Guid.NewGuid():N}");
        try
        {
            return Run(chromium, [.. Flags(profile), "--dump-dom", new Uri(Path.GetFullPath(htmlPath)).AbsoluteUri]);
        }
        finally
        {
            if (Directory.Exists(profile))
            {
                Directory.Delete(profile, true);
            }
        }
    }

    private static string[] Flags(string profile) =>
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--virtual-time-budget=5000", $"--user-data-dir={profile}",
        // Offline by construction: no proxy answers and no host name resolves, so a page that needs the network fails visibly.
        "--proxy-server=127.0.0.1:9", "--host-resolver-rules=MAP * ~NOTFOUND",
    ];

    private static string Run(string program, string[] args)
    {
        var psi = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"Could not start {program}.");
        var stderr = p.StandardError.ReadToEndAsync();
        var stdout = p.StandardOutput.ReadToEndAsync();
        if (!p.WaitForExit(120_000))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} did not finish within 120 s.");
        }

        string output = stdout.GetAwaiter().GetResult();
        return p.ExitCode == 0 ? output : throw new InvalidOperationException($"{program} exited {p.ExitCode}: {stderr.GetAwaiter().GetResult()}");
    }
}
