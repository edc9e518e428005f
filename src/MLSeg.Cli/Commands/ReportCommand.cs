using System.CommandLine;
using MLSeg.Charts.Report;

namespace MLSeg.Cli.Commands;

/// <summary><c>mlseg report RUN_DIR</c>: writes the offline HTML report of a finished (or partly finished) run.</summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var runDir = new Argument<DirectoryInfo>("RUN_DIR") { Description = "The run folder (holds results.csv and arms/)." };
        var showIds = new Option<bool>("--show-ids") { Description = "Show real case identifiers instead of pseudonyms (internal use only)." };
        var png = new Option<bool>("--png") { Description = "Also export each learning-curve chart as PNG through headless Chromium." };
        var command = new Command("report", "Write RUN_DIR/report/index.html: learning curves, tables and per-arm pages; opens offline.");
        command.Arguments.Add(runDir);
        command.Options.Add(showIds);
        command.Options.Add(png);
        command.SetAction(parse =>
        {
            DirectoryInfo dir = parse.GetValue(runDir)!;
            if (!dir.Exists)
            {
                Console.Error.WriteLine($"mlseg report: run folder '{dir.FullName}' does not exist.");
                return CliRunner.Failure;
            }

            string index = ReportSite.Write(dir.FullName, new ReportOptions { ShowIds = parse.GetValue(showIds) });
            if (parse.GetValue(png))
            {
                string pngPath = Path.Combine(Path.GetDirectoryName(index)!, "index.png");
                ChromiumExport.Screenshot(index, pngPath, 1400, 2400);
                Console.WriteLine(pngPath);
            }

            Console.WriteLine(index);
            return CliRunner.Ok;
        });
        return command;
    }
}
