using MLSeg.Synthetic.Manifest;

namespace MLSeg.Synthetic.Tests;

public class CohortManifestTests
{
    [Fact]
    public void WriteThenParse_AllColumns_RoundTrips()
    {
        var rows = new[]
        {
            new ManifestRow { PatientId = "SYN-L3-0001", Image = "SYN-L3-0001/ct.dcm", Mask = "SYN-L3-0001/mask.png", HeightCm = 171.5, MuscleAreaCm2 = 142.125, LabelSet = "1:muscle;2:sat;3:vat" },
            new ManifestRow { PatientId = "SYN-L3-0001", Image = "SYN-L3-0001/ct.dcm", Mask = "SYN-L3-0001/observer1.png", Observer = 1, HeightCm = 171.5 },
            new ManifestRow { PatientId = "P,2", Image = "a/b.dcm", Mask = "a/m.png", Slice = 3, Frame = 0, Phase = "ED", Field = "7T" },
            new ManifestRow { PatientId = "NAT-00001", Image = "star-noise/NAT-00001.png", Class = "star-noise" },
        };
        var sw = new StringWriter();
        new CohortManifest(rows).Write(sw);
        string text = sw.ToString();
        Assert.StartsWith("patient_id,image,mask,class,slice,frame,phase,observer,field,height_cm,muscle_area_cm2,label_set\n", text, StringComparison.Ordinal);
        Assert.Contains("\"P,2\"", text, StringComparison.Ordinal);
        var back = CohortManifest.Parse(new StringReader(text), "m.csv");
        Assert.Equal(rows, back.Rows);
    }

    [Fact]
    public void Write_OnlyRequiredColumnsUsed_WritesThreeColumns()
    {
        var sw = new StringWriter();
        new CohortManifest([new ManifestRow { PatientId = "p", Image = "i.png", Mask = "m.png" }]).Write(sw);
        Assert.Equal("patient_id,image,mask\np,i.png,m.png\n", sw.ToString().ReplaceLineEndings("\n"));
    }

    public static TheoryData<string, int, string> BadManifests => new()
    {
        { "", 1, "(header)" },
        { "patient_id,image\np,i.png", 1, "mask" },
        { "patient_id,image,mask,colour\np,i,m,red", 1, "colour" },
        { "patient_id,image,mask,mask\np,i,m,m", 1, "mask" },
        { "patient_id,image,mask\np,i.png", 2, "mask" },
        { "patient_id,image,mask\n,i.png,m.png", 2, "patient_id" },
        { "patient_id,image,mask\np,/abs/i.png,m.png", 2, "image" },
        { "patient_id,image,mask\np,i.png,../m.png", 2, "mask" },
        { "patient_id,image,mask\np,i.png,", 2, "mask" },
        { "patient_id,image,mask,slice\np,i.png,m.png,0\np,i.png,m.png,-1", 3, "slice" },
        { "patient_id,image,mask,phase\np,i.png,m.png,EDV", 2, "phase" },
        { "patient_id,image,mask,field\np,i.png,m.png,9.4T", 2, "field" },
        { "patient_id,image,mask,height_cm\np,i.png,m.png,0", 2, "height_cm" },
        { "patient_id,image,mask,observer\np,i.png,m.png,0", 2, "observer" },
        { "patient_id,image,mask,label_set\np,i.png,m.png,muscle", 2, "label_set" },
        { "patient_id,image,mask\n\"p,i.png,m.png", 2, "#1" },
        { "patient_id,image,mask\np,i.png,m.png\n\np,i.png,m2.png", 4, "image" },
        { "patient_id,image,mask\np,i.png,m.png\nq,i.png,m.png", 3, "image" },
        { "patient_id,image,mask,observer\np,i.png,m.png,\np,i.png,o.png,1\np,i.png,o2.png,1", 4, "image" },
        { "patient_id,image,mask,slice,frame\np,c.dcm,m0.png,0,0\np,c.dcm,m1.png,0,1\np,c.dcm,m2.png,0,1", 4, "image" },
    };

    [Theory]
    [MemberData(nameof(BadManifests))]
    public void Parse_InvalidField_ThrowsNamingRowAndColumn(string text, int row, string column)
    {
        var ex = Assert.Throws<ManifestFormatException>(() => CohortManifest.Parse(new StringReader(text), "bad.csv"));
        Assert.Equal(row, ex.Row);
        Assert.Equal(column, ex.Column);
        Assert.StartsWith($"bad.csv: row {row}, column '{column}': ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DuplicateRow_NamesBothRowsAndPatients()
    {
        const string text = "patient_id,image,mask\nP1,a/ct.dcm,a/m.png\nP2,b/ct.dcm,b/m.png\nP9,a/ct.dcm,a/m.png\n";
        var ex = Assert.Throws<ManifestFormatException>(() => CohortManifest.Parse(new StringReader(text), "dup.csv"));
        Assert.Equal("dup.csv: row 4, column 'image': 'a/ct.dcm' (slice -, frame -, observer -) is already listed on row 2 " +
            "(patient 'P9' here, patient 'P1' there); each image may appear once per observer. Remove the repeated row.", ex.Message);
    }

    [Fact]
    public void Parse_SameImageOtherObserverOrFrame_Accepted()
    {
        const string text = "patient_id,image,mask,observer,frame\np,i.dcm,m.png,,0\np,i.dcm,o1.png,1,0\np,i.dcm,o2.png,2,0\np,i.dcm,f1.png,,1\n";
        Assert.Equal(4, CohortManifest.Parse(new StringReader(text), "ok.csv").Rows.Count);
    }

    [Fact]
    public void LineOf_BlankLinesSkipped_GivesFileLines()
    {
        var manifest = CohortManifest.Parse(new StringReader("patient_id,image,mask\n\np,i.png,m.png\n\n\nq,j.png,n.png\n"), "m.csv");
        Assert.Equal([3, 6], [manifest.LineOf(0), manifest.LineOf(1)]);
        Assert.Throws<ArgumentOutOfRangeException>(() => manifest.LineOf(2));
    }
}
