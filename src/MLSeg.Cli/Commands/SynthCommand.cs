using System.CommandLine;
using System.Diagnostics;
using MLSeg.Core.Randomness;
using MLSeg.Synthetic;
using MLSeg.Synthetic.Ct;
using MLSeg.Synthetic.Manifest;
using MLSeg.Synthetic.Mr;
using MLSeg.Synthetic.Natural;
using MLSeg.Synthetic.Writing;

namespace MLSeg.Cli.Commands;

/// <summary><c>mlseg synth l3-ct|cardiac-cine|natural --out DIR …</c>: deterministic phantom cohorts as DICOM + PNG with manifest.csv.</summary>
internal static class SynthCommand
{
    public static Command Create()
    {
        var command = new Command("synth", "Generate a synthetic cohort (real DICOM images, PNG label maps, manifest.csv); same seed ⇒ identical files.");
        command.Subcommands.Add(L3Ct());
        command.Subcommands.Add(CardiacCine());
        command.Subcommands.Add(Natural());
        return command;
    }

    private static Command L3Ct()
    {
        var (outDir, seed) = (OutOption(), SeedOption());
        var patients = new Option<int>("--patients") { Description = "Number of patients.", DefaultValueFactory = _ => 40 };
        var size = new Option<int>("--size") { Description = "Image size in pixels (field of view ≈ 400 mm).", DefaultValueFactory = _ => 512 };
        var observers = new Option<int>("--observers") { Description = "Extra annotator masks per image, with realistic disagreement.", DefaultValueFactory = _ => 0 };
        var command = new Command("l3-ct", "Axial CT at L3 with skeletal muscle (1), subcutaneous (2) and visceral (3) fat labels.");
        foreach (Option o in new Option[] { outDir, patients, size, seed, observers })
        {
            command.Options.Add(o);
        }

        command.SetAction(parse =>
        {
            int n = Positive(parse.GetValue(patients), "--patients");
            var options = new L3CtOptions { SizePx = Positive(parse.GetValue(size), "--size"), Observers = NonNegative(parse.GetValue(observers), "--observers") };
            Validate(options.Validate);
            return Generate(parse.GetValue(outDir)!, g => g.GenerateL3Ct(parse.GetValue(outDir)!, n, new SeedSource((ulong)parse.GetValue(seed)), options));
        });
        return command;
    }

    private static Command CardiacCine()
    {
        var (outDir, seed) = (OutOption(), SeedOption());
        var patients = new Option<int>("--patients") { Description = "Number of volunteers.", DefaultValueFactory = _ => 10 };
        var size = new Option<int>("--size") { Description = "Image size in pixels.", DefaultValueFactory = _ => 128 };
        var frames = new Option<int>("--frames") { Description = "Cardiac frames per slice.", DefaultValueFactory = _ => new CardiacCineOptions().Frames };
        var slices = new Option<int>("--slices") { Description = "Short-axis slices.", DefaultValueFactory = _ => new CardiacCineOptions().Slices };
        var field = new Option<string>("--field") { Description = "Field strength: 1.5T, 3T or 7T.", DefaultValueFactory = _ => "1.5T" };
        var command = new Command("cardiac-cine", "Short-axis cine MRI with LV (1), myocardium (2) and RV (3); contrast, bias and noise depend on the field.");
        foreach (Option o in new Option[] { outDir, patients, size, frames, slices, field, seed })
        {
            command.Options.Add(o);
        }

        command.SetAction(parse =>
        {
            var options = new CardiacCineOptions
            {
                SizePx = Positive(parse.GetValue(size), "--size"),
                Frames = Positive(parse.GetValue(frames), "--frames"),
                Slices = Positive(parse.GetValue(slices), "--slices"),
                Field = UsageException.Parse("--field", () => FieldStrengthNames.Parse(parse.GetValue(field)!)),
            };
            Validate(options.Validate);
            int n = Positive(parse.GetValue(patients), "--patients");
            return Generate(parse.GetValue(outDir)!, g => g.GenerateCardiacCine(parse.GetValue(outDir)!, n, new SeedSource((ulong)parse.GetValue(seed)), options));
        });
        return command;
    }

    private static Command Natural()
    {
        var (outDir, seed) = (OutOption(), SeedOption());
        var task = new Option<string>("--task") { Description = "classification (ImageFolder layout) or segmentation (image + mask pairs).", Required = true };
        var images = new Option<int>("--images") { Description = "Number of images (balanced over --classes).", DefaultValueFactory = _ => 180 };
        var size = new Option<int>("--size") { Description = "Image size in pixels.", DefaultValueFactory = _ => 64 };
        var classes = new Option<int>("--classes") { Description = $"Classes (2–{NaturalImageGenerator.ClassCount}: shape × texture pairs), balanced.", DefaultValueFactory = _ => NaturalImageGenerator.ClassCount };
        var command = new Command("natural", "Procedural natural-image proxies (textures, shapes, clutter) as pretraining sources.");
        foreach (Option o in new Option[] { outDir, task, images, size, classes, seed })
        {
            command.Options.Add(o);
        }

        command.SetAction(parse =>
        {
            NaturalTask kind = parse.GetValue(task) switch
            {
                "classification" => NaturalTask.Classification,
                "segmentation" => NaturalTask.Segmentation,
                var other => throw new UsageException($"--task must be classification or segmentation; got '{other}'."),
            };
            int c = parse.GetValue(classes);
            if (c < 2 || c > NaturalImageGenerator.ClassCount)
            {
                throw new UsageException($"--classes must be between 2 and {NaturalImageGenerator.ClassCount}; got {c}.");
            }

            var options = new NaturalImageOptions { SizePx = Positive(parse.GetValue(size), "--size"), Task = kind, Classes = c };
            Validate(options.Validate);
            int n = Positive(parse.GetValue(images), "--images");
            return Generate(parse.GetValue(outDir)!, g => g.GenerateNatural(parse.GetValue(outDir)!, n, new SeedSource((ulong)parse.GetValue(seed)), options));
        });
        return command;
    }

    private static int Generate(string outDir, Func<CohortGenerator, CohortManifest> generate)
    {
        Directory.CreateDirectory(outDir);
        var clock = Stopwatch.StartNew();
        CohortManifest manifest = generate(new CohortGenerator(new DicomPngCohortWriter()));
        Console.WriteLine($"{manifest.Rows.Count} rows in {Path.Combine(outDir, CohortGenerator.ManifestFileName)} ({clock.Elapsed.TotalSeconds:F1} s)");
        return CliRunner.Ok;
    }

    private static Option<string> OutOption() => new("--out") { Description = "Output folder (created when absent).", Required = true };

    private static Option<long> SeedOption() => new("--seed") { Description = "Root seed; same seed ⇒ identical pixels, masks and UIDs.", DefaultValueFactory = _ => 0 };

    // Every setting is checked before the output folder is created: a refused --size must leave nothing behind.
    private static void Validate(Action validate)
    {
        try
        {
            validate();
        }
        catch (ArgumentException ex)
        {
            string option = ex.ParamName switch
            {
                "SizePx" => "--size",
                "Observers" => "--observers",
                "Frames" => "--frames",
                "Slices" => "--slices",
                "Classes" => "--classes",
                var other => other ?? "an option",
            };
            throw new UsageException($"{option}: {CliRunner.UserMessage(ex)}", ex);
        }
    }

    private static int Positive(int value, string name) =>
        value > 0 ? value : throw new UsageException($"{name} must be ≥ 1; got {value}.");

    private static int NonNegative(int value, string name) =>
        value >= 0 ? value : throw new UsageException($"{name} must be ≥ 0; got {value}.");
}
