using MLSeg.Core.Errors;
using MLSeg.Core.Imaging;
using MLSeg.Core.Pipeline;
using MLSeg.Data;

namespace MLSeg.Tests;

public sealed class SegContextDataTests(CohortFixture cohort) : IClassFixture<CohortFixture>
{
    [Fact]
    public void LoadManifest_ReferenceOnly_OneRowPerPatientWithAbsolutePaths()
    {
        var ctx = new SegContext(seed: 1);
        ManifestDataView view = ctx.Data.LoadManifest(cohort.ManifestPath);

        Assert.Equal(ManifestDataView.ManifestSchema, view.Schema);
        List<DataRow> rows = [.. view.GetRows()];
        Assert.Equal(6, rows.Count);
        Assert.Equal(6, rows.Select(r => r.Get<string>(ManifestColumns.PatientId)).Distinct().Count());
        Assert.All(rows, r =>
        {
            Assert.True(Path.IsPathFullyQualified(r.Get<string>(ManifestColumns.ImagePath)));
            Assert.True(File.Exists(r.Get<string>(ManifestColumns.MaskPath)));
            Assert.Equal(0, r.Get<int>(ManifestColumns.Observer));
        });
    }

    [Fact]
    public void LoadManifest_IncludeObservers_AddsObserverRows()
    {
        var view = new SegContext(1).Data.LoadManifest(cohort.ManifestPath, includeObservers: true);
        List<int> observers = [.. view.GetRows().Select(r => r.Get<int>(ManifestColumns.Observer))];
        Assert.Equal(18, observers.Count); // 6 patients × (truth + 2 observers)
        Assert.Equal([0, 1, 2], observers.Distinct().Order());
    }

    [Fact]
    public void FilterByPatients_KnownPatients_KeepsOnlyThem()
    {
        var ctx = new SegContext(1);
        var view = ctx.Data.LoadManifest(cohort.ManifestPath);
        IReadOnlyList<string> patients = ctx.Data.GetPatients(view);
        var filtered = ctx.Data.FilterByPatients(view, patients.Take(2));
        Assert.Equal(patients.Take(2), filtered.GetRows().Select(r => r.Get<string>(ManifestColumns.PatientId)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void FilterByPatients_UnknownPatient_FailsNamingIt()
    {
        var ctx = new SegContext(1);
        var filtered = ctx.Data.FilterByPatients(ctx.Data.LoadManifest(cohort.ManifestPath), ["no-such-patient"]);
        var ex = Assert.Throws<MLSegException>(() => filtered.GetRows().ToList());
        Assert.Contains("no-such-patient", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadImageAndMask_SyntheticCt_HuImageAndMaskOnItsGrid()
    {
        var ctx = new SegContext(1);
        var pipeline = ctx.Transforms.LoadImage().Append(ctx.Transforms.LoadMask());
        var view = ctx.Data.LoadManifest(cohort.ManifestPath);
        DataRow row = pipeline.Fit(view).Transform(view).GetRows().First();
        var image = row.Get<Image2D>(WellKnownColumns.Image);
        var label = row.Get<LabelMap>(WellKnownColumns.Label);
        Assert.Equal((1, 32, 32), (image.Channels, image.Height, image.Width));

        // Air around the body is about −1000 HU after the Modality LUT; muscle/fat give labels 1–3.
        Assert.True(image.Data.Min() < -900, $"min {image.Data.Min()} HU");
        Assert.Equal(image.SpacingMm, label.SpacingMm);
        Assert.InRange(label.MaxLabel(), 1, 3);
    }

    [Fact]
    public void Chain_WrongColumnName_FailsBeforeFitNamingExpectedAndFound()
    {
        var ctx = new SegContext(1);
        var chain = ctx.Transforms.LoadImage("img_path")
            .Append(ctx.Transforms.Window("soft-tissue"))
            .Append(ctx.Trainers.FineTune(new Models.Contracts.ModelConfig { Depth = 2, BaseChannels = 4 }, epochs: 1));
        var ex = Assert.Throws<SchemaMismatchException>(() => chain.Fit(ctx.Data.LoadManifest(cohort.ManifestPath)));
        Assert.Equal("img_path", ex.Column);
        Assert.Contains("String", ex.Expected, StringComparison.Ordinal);
        Assert.Contains("image_path", ex.Found, StringComparison.Ordinal);
    }

    [Fact]
    public void Chain_MissingLabelForTrainer_FailsBeforeAnyImageIsLoaded()
    {
        var ctx = new SegContext(1);
        var chain = ctx.Transforms.LoadImage()
            .Append(ctx.Transforms.Window("soft-tissue"))
            .Append(ctx.Trainers.FineTune(new Models.Contracts.ModelConfig { Depth = 2, BaseChannels = 4 }, epochs: 1));

        // A manifest whose files do not exist: the schema check must fail first, so no file is ever opened.
        var schema = ManifestDataView.ManifestSchema;
        var view = new InMemoryDataView(schema, [new DataRow(schema, "p", "/nonexistent.dcm", "/nonexistent.png", "", 0, 0, 0)]);
        var ex = Assert.Throws<SchemaMismatchException>(() => chain.Fit(view));
        Assert.Equal(WellKnownColumns.Label, ex.Column);
    }

    [Fact]
    public void NextSeed_SameSeedSameOrder_SameSeedsAndComponentsIndependent()
    {
        var a = new SegContext(7);
        var b = new SegContext(7);
        Assert.Equal(a.NextSeed("x"), b.NextSeed("x"));
        _ = b.NextSeed("y");
        Assert.Equal(a.NextSeed("x"), b.NextSeed("x"));
        Assert.NotEqual(a.NextSeed("x"), a.NextSeed("x"));
    }
}
