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
}
