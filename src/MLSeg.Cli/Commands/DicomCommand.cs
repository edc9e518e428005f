using System.CommandLine;
using System.Globalization;
using MLSeg.Dicom;
using MLSeg.Dicom.Imaging;
using MLSeg.Dicom.Tools;

namespace MLSeg.Cli.Commands;

/// <summary><c>mlseg dicom stats|dump|series</c>: inspect DICOM files with MLSeg's own reader.</summary>
internal static class DicomCommand
{
    public static Command Create()
    {
        var command = new Command("dicom", "Inspect DICOM files: pixel statistics, element listing, series.");
        command.Subcommands.Add(Stats());
        command.Subcommands.Add(Dump());
        command.Subcommands.Add(Series());
        return command;
    }

    private static Command Stats()
    {
        var files = new Argument<string[]>("files") { Arity = ArgumentArity.OneOrMore, Description = "DICOM files" };
        var json = new Option<bool>("--json") { Description = "Print a JSON array (one object per file)" };
        var command = new Command("stats", "Decode every frame and print min/max/mean of stored values, and after the Modality LUT where one applies.");
        command.Arguments.Add(files);
        command.Options.Add(json);
        command.SetAction(parse =>
        {
            string[] paths = parse.GetValue(files) ?? [];
            (string text, bool ok) = DicomStatsReport.Run(paths);
            if (parse.GetValue(json))
            {
                Console.WriteLine(text);
            }
            else
            {
                using var doc = System.Text.Json.JsonDocument.Parse(text);
                foreach (var item in doc.RootElement.EnumerateArray())
                {
                    Console.WriteLine(string.Join("  ", item.EnumerateObject().Select(p => $"{p.Name}={p.Value}")));
                }
            }

            return ok ? CliRunner.Ok : CliRunner.Failure;
        });
        return command;
    }

    private static Command Dump()
    {
        var file = new Argument<string>("file") { Description = "DICOM file" };
        var command = new Command("dump", "List the File Meta and dataset elements (dcmdump-like).");
        command.Arguments.Add(file);
        command.SetAction(parse =>
        {
            Console.Write(DicomDump.Format(DicomFile.Open(parse.GetValue(file)!)));
            return CliRunner.Ok;
        });
        return command;
    }

    private static Command Series()
    {
        var dir = new Argument<string>("dir") { Description = "Folder searched recursively" };
        var command = new Command("series", "Group the images under DIR by SeriesInstanceUID: counts, size, spacing, gaps, duplicates.");
        command.Arguments.Add(dir);
        command.SetAction(parse =>
        {
            IReadOnlyList<DicomSeries> series = DicomSeries.Scan(parse.GetValue(dir)!, out IReadOnlyList<string> skipped);
            foreach (DicomSeries s in series)
            {
                string spacing = s.SliceSpacingMm is { } mm ? mm.ToString("0.###", CultureInfo.InvariantCulture) + " mm" : "n/a";
                Console.WriteLine($"{s.SeriesInstanceUid}  {s.Modality}  {s.Slices.Count} slices  {s.Rows}x{s.Columns}  spacing {spacing}  gaps {s.Gaps}  duplicates {s.Duplicates}");
            }

            foreach (string line in skipped)
            {
                Console.Error.WriteLine($"skipped {line}");
            }

            return CliRunner.Ok;
        });
        return command;
    }
}
