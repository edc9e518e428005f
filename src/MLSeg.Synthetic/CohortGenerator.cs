using System.Globalization;
using MLSeg.Core.Randomness;
using MLSeg.Synthetic.Ct;
using MLSeg.Synthetic.Manifest;
using MLSeg.Synthetic.Mr;
using MLSeg.Synthetic.Natural;
using MLSeg.Synthetic.Writing;

namespace MLSeg.Synthetic;

/// <summary>
/// Generates a synthetic cohort into a folder: one sub-folder per patient (or class), files written through an
/// <see cref="ICohortWriter"/>, and <c>manifest.csv</c> listing them (paths relative to the folder).
/// Patients are generated in parallel; each has its own seed, so the output does not depend on the thread count.
/// </summary>
public sealed class CohortGenerator
{
    private readonly ICohortWriter _writer;
    private readonly int _maxParallelism;

    /// <summary>Creates a generator writing through <paramref name="writer"/> on up to <paramref name="maxParallelism"/> threads (−1 = all cores).</summary>
    public CohortGenerator(ICohortWriter writer, int maxParallelism = -1)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (maxParallelism == 0 || maxParallelism < -1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxParallelism), maxParallelism, "Use −1 for all cores or a positive thread count.");
        }

        _writer = writer;
        _maxParallelism = maxParallelism;
    }

    /// <summary>Name of the manifest file inside the output folder.</summary>
    public const string ManifestFileName = "manifest.csv";

    /// <summary>Writes <paramref name="patients"/> L3 CT patients (CT slice, truth mask, observers' masks) and the manifest.</summary>
    public CohortManifest GenerateL3Ct(string outDir, int patients, SeedSource seed, L3CtOptions options)
    {
        var phantom = new L3CtPhantom(options);
        string labelSet = options.IncludeFatLabels ? "1:muscle;2:sat;3:vat" : "1:muscle";
        return Run(outDir, patients, i =>
        {
            L3CtCase c = phantom.Generate(seed, i);
            string pid = c.Series.PatientId;
            string dir = PatientDir(outDir, pid);
            _writer.WriteCt(Path.Combine(dir, "ct.dcm"), c.Image, c.Series);
            _writer.WriteLabelPng(Path.Combine(dir, "mask.png"), c.Truth);
            var rows = new List<ManifestRow> { L3Row(c, pid, "mask.png", null, labelSet) };
            for (int k = 0; k < c.Observers.Count; k++)
            {
                string name = string.Create(CultureInfo.InvariantCulture, $"observer{k + 1}.png");
                _writer.WriteLabelPng(Path.Combine(dir, name), c.Observers[k]);
                rows.Add(L3Row(c, pid, name, k + 1, labelSet));
            }

            return rows;
        });
    }

    /// <summary>Writes <paramref name="patients"/> cine MRI patients (slices × frames, with masks) and the manifest.</summary>
    public CohortManifest GenerateCardiacCine(string outDir, int patients, SeedSource seed, CardiacCineOptions options)
    {
        var phantom = new CardiacCinePhantom(options);
        string labelSet = options.IncludeRightVentricle ? "1:lv;2:myo;3:rv" : "1:lv;2:myo";
        string field = options.Field.ToManifestName();
        return Run(outDir, patients, i =>
        {
            CardiacCineCase c = phantom.Generate(seed, i);
            string dir = PatientDir(outDir, c.PatientId);
            var rows = new List<ManifestRow>(c.Images.Count);
            foreach (CardiacImage img in c.Images)
            {
                string stem = string.Create(CultureInfo.InvariantCulture, $"slice{img.Slice:D2}_frame{img.Frame:D2}");
                _writer.WriteMr(Path.Combine(dir, stem + ".dcm"), img.Image, img.Series);
                _writer.WriteLabelPng(Path.Combine(dir, stem + "_mask.png"), img.Labels);
                rows.Add(new ManifestRow
                {
                    PatientId = c.PatientId,
                    Image = c.PatientId + "/" + stem + ".dcm",
                    Mask = c.PatientId + "/" + stem + "_mask.png",
                    Slice = img.Slice,
                    Frame = img.Frame,
                    Phase = img.Frame == c.EdFrame ? "ED" : img.Frame == c.EsFrame ? "ES" : null,
                    Field = field,
                    LabelSet = labelSet,
                });
            }

            return rows;
        });
    }

    /// <summary>Writes <paramref name="images"/> natural-image proxies (ImageFolder or image + mask pairs) and the manifest.</summary>
    public CohortManifest GenerateNatural(string outDir, int images, SeedSource seed, NaturalImageOptions options)
    {
        var generator = new NaturalImageGenerator(options);
        bool classification = options.Task == NaturalTask.Classification;
        return Run(outDir, images, i =>
        {
            NaturalSample s = generator.Generate(seed, i);
            string id = string.Create(CultureInfo.InvariantCulture, $"NAT-{i + 1:D5}");
            if (classification)
            {
                string rel = s.ClassName + "/" + id + ".png";
                Directory.CreateDirectory(Path.Combine(outDir, s.ClassName));
                _writer.WriteRgbPng(Path.Combine(outDir, s.ClassName, id + ".png"), s.Image);
                return [new ManifestRow { PatientId = id, Image = rel, Class = s.ClassName }];
            }

            Directory.CreateDirectory(Path.Combine(outDir, "images"));
            Directory.CreateDirectory(Path.Combine(outDir, "masks"));
            _writer.WriteRgbPng(Path.Combine(outDir, "images", id + ".png"), s.Image);
            _writer.WriteLabelPng(Path.Combine(outDir, "masks", id + ".png"), s.Mask);
            return [new ManifestRow { PatientId = id, Image = "images/" + id + ".png", Mask = "masks/" + id + ".png", LabelSet = NaturalImageGenerator.SegmentationLabelSet }];
        });
    }

    private static ManifestRow L3Row(L3CtCase c, string pid, string mask, int? observer, string labelSet) => new()
    {
        PatientId = pid,
        Image = pid + "/ct.dcm",
        Mask = pid + "/" + mask,
        Observer = observer,
        HeightCm = Math.Round(c.Traits.HeightCm, 1),
        MuscleAreaCm2 = Math.Round(c.TrueMuscleAreaCm2, 3),
        LabelSet = labelSet,
    };

    private static string PatientDir(string outDir, string patientId)
    {
        string dir = Path.Combine(outDir, patientId);
        Directory.CreateDirectory(dir);
        return dir;
    }

    private CohortManifest Run(string outDir, int count, Func<int, List<ManifestRow>> one)
    {
        ArgumentException.ThrowIfNullOrEmpty(outDir);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        Directory.CreateDirectory(outDir);
        var perPatient = new List<ManifestRow>[count];
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = _maxParallelism }, i => perPatient[i] = one(i));
        var manifest = new CohortManifest(perPatient.SelectMany(r => r));
        manifest.Write(Path.Combine(outDir, ManifestFileName));
        return manifest;
    }
}
